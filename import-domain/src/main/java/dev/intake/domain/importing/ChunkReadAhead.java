package dev.intake.domain.importing;

import dev.intake.domain.importing.csv.CsvRow;
import dev.intake.domain.importing.csv.CsvRowReader;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Reads and converts an import's rows on a thread of its own, a couple of chunks ahead of the chunk being
 * applied, so that the file's parsing and conversion overlap with the database's work instead of waiting for
 * it. At most {@link #AHEAD} chunks wait, so memory stays bounded whatever the file's size. A failure to read
 * the file reaches the applying thread in its place in the sequence, after the chunks read before it.
 */
final class ChunkReadAhead implements AutoCloseable {

    static final int AHEAD = 2;

    private static final long POLL_MILLIS = 200;

    private final BlockingQueue<Object> ready = new ArrayBlockingQueue<>(AHEAD);
    private final CsvRowReader reader;
    private final RowConverter converter;
    private final int checkpointLine;
    private final int chunkSize;
    private final Preparation preparation;
    private volatile boolean stopped;
    private boolean finished;
    private int errorsAllowed;
    private Thread thread;

    private ChunkReadAhead(CsvRowReader reader, RowConverter converter, int checkpointLine, int chunkSize,
            int errorsAllowed, Preparation preparation) {
        this.reader = reader;
        this.converter = converter;
        this.checkpointLine = checkpointLine;
        this.chunkSize = chunkSize;
        this.errorsAllowed = errorsAllowed;
        this.preparation = preparation;
    }

    /**
     * Starts reading after the checkpoint line.
     *
     * @param errorsAllowed failed rows that {@code maxErrors} still allows when the import starts; the reader
     *     counts only conversion failures against it, see {@link RowChunk#trimToErrorsAllowed(int)}
     */
    static ChunkReadAhead start(ManagedThreadFactory threads, CsvRowReader reader, RowConverter converter,
            int checkpointLine, int chunkSize, int errorsAllowed) {
        return start(threads, reader, converter, checkpointLine, chunkSize, errorsAllowed, chunk -> { });
    }

    /**
     * Starts reading like {@link #start}, and prepares every chunk on the reading thread before it waits: work
     * that needs only the chunk's own rows, taken off the thread that applies them.
     */
    static ChunkReadAhead start(ManagedThreadFactory threads, CsvRowReader reader, RowConverter converter,
            int checkpointLine, int chunkSize, int errorsAllowed, Preparation preparation) {
        ChunkReadAhead readAhead = new ChunkReadAhead(reader, converter, checkpointLine, chunkSize, errorsAllowed,
                preparation);
        readAhead.thread = threads.newThread(readAhead::readAll);
        readAhead.thread.start();
        return readAhead;
    }

    /**
     * The next chunk, waiting for it if need be; null after the last one. Every file yields at least one chunk,
     * empty when no row follows the checkpoint, so that the end is committed like any chunk.
     */
    RowChunk next() throws Exception {
        if (finished) {
            return null;
        }
        Object next = ready.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
        while (next == null) {
            if (!thread.isAlive()) {
                next = ready.poll();
                if (next == null) {
                    throw new IllegalStateException("The thread reading the file ended without a word");
                }
            } else {
                next = ready.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
            }
        }
        if (next instanceof Exception failure) {
            finished = true;
            throw failure;
        }
        if (next instanceof End) {
            finished = true;
            return null;
        }
        return (RowChunk) next;
    }

    private void readAll() {
        try {
            RowChunk chunk = newChunk(checkpointLine);
            for (CsvRow row = reader.next(); row != null && !stopped; row = reader.next()) {
                if (row.line() <= checkpointLine) {
                    continue;
                }
                chunk.collect(converter.convert(row), row.line(), row.cells());
                if (chunk.isFull()) {
                    hand(chunk);
                    chunk = newChunk(chunk.lastLine());
                }
            }
            hand(chunk);
            hand(new End());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            handFailure(e);
        } catch (Error e) {
            handFailure(new IllegalStateException("Reading the file failed: " + e, e));
            throw e;
        }
    }

    private RowChunk newChunk(int lastLine) {
        return new RowChunk(chunkSize, errorsAllowed, lastLine);
    }

    private void hand(Object item) throws InterruptedException {
        if (item instanceof RowChunk chunk) {
            errorsAllowed -= chunk.failedRows();
            preparation.prepare(chunk);
        }
        while (!stopped) {
            if (ready.offer(item, POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                return;
            }
        }
    }

    private void handFailure(Exception failure) {
        try {
            hand(failure);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops reading: the applying thread is done, whether at the end, on a stop or on a failure. */
    @Override
    public void close() {
        stopped = true;
        ready.clear();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Work on a chunk's rows done on the reading thread; a failure of it fails the import like a read. */
    @FunctionalInterface
    interface Preparation {
        void prepare(RowChunk chunk);
    }

    /** Marks the end of the file in the queue. */
    private static final class End {
    }
}
