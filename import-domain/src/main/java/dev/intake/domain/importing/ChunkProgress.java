package dev.intake.domain.importing;

/** A job's state after a chunk committed: whether it should go on, and its failed-row count so far. */
record ChunkProgress(boolean stillRunning, boolean cancelRequested, int failed) {
}
