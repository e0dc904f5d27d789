package dev.intake.domain.importing;

/** Where an import job is in its life: queued, running, then one of three ends. */
public enum ImportStatus {
    QUEUED, RUNNING, COMPLETED, FAILED, CANCELLED;

    public boolean isFinished() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }
}
