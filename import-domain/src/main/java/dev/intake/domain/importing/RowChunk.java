package dev.intake.domain.importing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows of a file between two commits: the converted ones, the conversion errors, every row's cells (for
 * errors.csv) and the last line read. It closes at the chunk size, or as soon as its failed rows reach what
 * {@code maxErrors} still allows, so that an import stops at the row that reaches the limit.
 */
final class RowChunk {

    final List<ImportRow> rows = new ArrayList<>();
    final List<RowError> errors = new ArrayList<>();
    final Map<Integer, List<String>> cellsByLine = new HashMap<>();
    private final int size;
    private final int errorsAllowed;
    private int failedRows;
    private int lastLine;

    RowChunk(int size, int errorsAllowed, int lastLine) {
        this.size = size;
        this.errorsAllowed = errorsAllowed;
        this.lastLine = lastLine;
    }

    void collect(ConvertedRow converted, int line, List<String> cells) {
        if (converted.errors().isEmpty()) {
            rows.add(new ImportRow(line, converted.values()));
        } else {
            errors.addAll(converted.errors());
            failedRows++;
        }
        cellsByLine.put(line, cells);
        lastLine = line;
    }

    boolean isFull() {
        return cellsByLine.size() >= size || failedRows >= errorsAllowed;
    }

    int failedRows() {
        return failedRows;
    }

    /** The first line read into this chunk. */
    int firstLine() {
        return cellsByLine.keySet().stream().mapToInt(Integer::intValue).min().orElse(lastLine);
    }

    /** The last line read into this chunk: the checkpoint once it is committed. */
    int lastLine() {
        return lastLine;
    }

    /**
     * Drops the rows after the one whose failure uses up the allowance. Chunks are read ahead while earlier ones
     * are applied, so a chunk may have been closed against an allowance that the rows failing during the apply of
     * its predecessors have since reduced. The import stops after this chunk; the rows dropped are never applied.
     */
    void trimToErrorsAllowed(int allowed) {
        if (failedRows < allowed) {
            return;
        }
        dropAfter(errors.stream().mapToInt(RowError::line).distinct().sorted().skip(Math.max(allowed, 1) - 1L)
                .findFirst().orElse(lastLine));
    }

    /** Drops the rows after the given line: the chunk ends there, and so does the import. */
    void dropAfter(int lastKept) {
        rows.removeIf(row -> row.line() > lastKept);
        errors.removeIf(error -> error.line() > lastKept);
        cellsByLine.keySet().removeIf(line -> line > lastKept);
        failedRows = (int) errors.stream().mapToInt(RowError::line).distinct().count();
        lastLine = lastKept;
    }
}
