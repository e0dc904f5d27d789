package dev.intake.domain.importing;

import java.util.List;

/** What applying one chunk of rows did: records added and updated, and the rows that failed with why. */
public record ChunkOutcome(int added, int updated, List<RowError> errors) {

    public ChunkOutcome {
        errors = List.copyOf(errors);
    }
}
