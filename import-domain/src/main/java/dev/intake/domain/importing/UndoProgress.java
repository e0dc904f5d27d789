package dev.intake.domain.importing;

/** Where an undo stands after a batch: more records to undo, all undone, or stopped (cancelled). */
enum UndoProgress {
    GOING_ON, DONE, STOPPED
}
