package dev.intake.domain.importing;

import java.util.ArrayList;
import java.util.List;

/**
 * A chunk of an import decided but not yet written: what every row does ({@link ChunkOutcome}) and what the
 * database must receive for it ({@link ChunkWrites}).
 */
public record ChunkPlan(ChunkOutcome outcome, ChunkWrites writes) {

    /** The rows of the chunk that fail, counting those that failed conversion before the plan. */
    int failedRows(List<RowError> conversionErrors) {
        List<RowError> errors = new ArrayList<>(conversionErrors);
        errors.addAll(outcome.errors());
        return (int) errors.stream().mapToInt(RowError::line).distinct().count();
    }
}
