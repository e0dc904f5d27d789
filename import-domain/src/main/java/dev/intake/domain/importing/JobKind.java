package dev.intake.domain.importing;

/** What a job of the history does: import a file, or undo an earlier import. */
public enum JobKind {
    IMPORT, UNDO
}
