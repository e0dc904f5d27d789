package dev.intake.domain.importing;

import java.util.List;

/** What undoing one batch of journalled records did: records restored and deleted, and the conflicts left alone. */
public record UndoOutcome(int restored, int deleted, List<RowError> conflicts) {

    public UndoOutcome {
        conflicts = List.copyOf(conflicts);
    }
}
