package dev.intake.domain.importing;

import java.util.List;

/**
 * What applying one chunk of rows did: records added and updated ({@code unchanged} of the updated ones changed
 * nothing), the errors of the rows that failed, and the outcome of every row in file order.
 */
public record ChunkOutcome(int added, int updated, int unchanged, List<RowError> errors, List<RowOutcome> rows) {

    public ChunkOutcome {
        errors = List.copyOf(errors);
        rows = List.copyOf(rows);
    }

    /** Counts the outcomes of the rows; an unchanged row counts as updated. */
    static ChunkOutcome of(List<RowOutcome> rows, List<RowError> errors) {
        int added = count(rows, RowOutcome.Kind.ADDED);
        int unchanged = count(rows, RowOutcome.Kind.UNCHANGED);
        int updated = count(rows, RowOutcome.Kind.UPDATED) + unchanged;
        return new ChunkOutcome(added, updated, unchanged, errors, rows);
    }

    /** The outcome of the rows up to the line only. */
    ChunkOutcome upTo(int lastLine) {
        return of(rows.stream().filter(row -> row.line() <= lastLine).toList(),
                errors.stream().filter(error -> error.line() <= lastLine).toList());
    }

    private static int count(List<RowOutcome> rows, RowOutcome.Kind kind) {
        return (int) rows.stream().filter(row -> row.kind() == kind).count();
    }
}
