package dev.intake.domain.importing;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;

/**
 * Writes an import's planned chunks on a thread of its own, one chunk at a time and in file order, so that the
 * import's thread plans the next chunk while the database writes the last one. A chunk must be awaited before
 * the next is handed over; closing waits for the chunk being written.
 */
final class ChunkWriter implements AutoCloseable {

    private final ExecutorService thread;
    private RowChunk chunk;
    private ChunkPlan plan;
    private Future<ChunkProgress> written;

    private ChunkWriter(ExecutorService thread) {
        this.thread = thread;
    }

    static ChunkWriter start(ThreadFactory threads) {
        return new ChunkWriter(Executors.newSingleThreadExecutor(threads));
    }

    /** What the chunk being written writes, or null when none is. */
    ChunkWrites pending() {
        return written == null ? null : plan.writes();
    }

    /** Starts writing a chunk; {@code write} commits it and answers the job's progress. */
    void submit(RowChunk rows, ChunkPlan planned, Callable<ChunkProgress> write) {
        if (written != null) {
            throw new IllegalStateException("The chunk being written must be awaited before the next one");
        }
        chunk = rows;
        plan = planned;
        written = thread.submit(write);
    }

    /** Waits for the chunk being written: the job's progress after it, or why its write failed; null if none. */
    Written await() throws InterruptedException {
        if (written == null) {
            return null;
        }
        Future<ChunkProgress> future = written;
        written = null;
        try {
            return new Written(chunk, future.get(), null);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            return new Written(chunk, null, e.getCause() instanceof Exception cause ? cause : e);
        }
    }

    @Override
    public void close() {
        try {
            await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            thread.shutdown();
        }
    }

    /** A chunk whose write ended: committed with the job's progress after it, or not, with the failure. */
    record Written(RowChunk chunk, ChunkProgress progress, Exception failure) {
    }
}
