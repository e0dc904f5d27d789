package dev.intake.domain.importing;

import java.util.List;
import java.util.OptionalInt;
import java.util.stream.IntStream;

/**
 * A chunk of an import decided but not yet written: what every row does ({@link ChunkOutcome}) and what the
 * database must receive for it ({@link ChunkWrites}).
 */
public record ChunkPlan(ChunkOutcome outcome, ChunkWrites writes) {

    /** The rows of the chunk that fail, counting those that failed conversion before the plan. */
    int failedRows(List<RowError> conversionErrors) {
        return (int) failedLines(conversionErrors).count();
    }

    /**
     * The line of the failed row that uses up the {@code allowed} failures, when at least that many rows fail:
     * the import stops after it, and the rows after it must not be applied.
     */
    OptionalInt lineReachingLimit(List<RowError> conversionErrors, int allowed) {
        if (failedRows(conversionErrors) < allowed) {
            return OptionalInt.empty();
        }
        return failedLines(conversionErrors).sorted().skip(Math.max(allowed, 1) - 1L).findFirst();
    }

    /** The plan of the rows up to the line only; for a dry run, whose plan writes nothing. */
    ChunkPlan upTo(int lastLine) {
        if (writes != ChunkWrites.NOTHING) {
            throw new IllegalStateException("A plan that writes records is planned again, not cut");
        }
        return new ChunkPlan(outcome.upTo(lastLine), writes);
    }

    private IntStream failedLines(List<RowError> conversionErrors) {
        return IntStream.concat(conversionErrors.stream().mapToInt(RowError::line),
                outcome.errors().stream().mapToInt(RowError::line)).distinct();
    }
}
