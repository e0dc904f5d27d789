package dev.intake.domain.importing;

import dev.intake.domain.record.Statements;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * The row of an import job as the transaction writing one of its chunks sees it: locked first, so that a cancel,
 * a claim by another node or the job's end waits for the chunk (or the chunk for them), then moved on by the
 * chunk's counts and checkpoint. Plain statements on the chunk's connection: loading and flushing the {@link
 * ImportJob} entity for every chunk ran the persistence provider's unit of work on the thread whose pace sets the
 * import's. The columns are those the entity maps; the persistence unit keeps no shared cache, so no stale copy
 * of the row outlives this.
 */
final class RunningJobRow {

    private final Connection connection;

    RunningJobRow(Connection connection) {
        this.connection = connection;
    }

    /** What a chunk's transaction must know about its job before writing. */
    record Locked(ImportStatus status, boolean cancelRequested, String claimedBy, int failed) {
    }

    /** Locks the job's row until the transaction ends and reads it; null when the job is gone. */
    Locked lock(String jobId) throws SQLException {
        Locked[] locked = {null};
        Statements together = Statements.on(connection);
        lock(jobId, together, row -> locked[0] = row);
        together.send();
        return locked[0];
    }

    /**
     * Locks and reads the job's row as the first of the statements a chunk sends together ({@link Statements}),
     * handing it to {@code found} (null when the job is gone) once they have run; on H2 at once.
     */
    void lock(String jobId, Statements later, Consumer<Locked> found) throws SQLException {
        String sql = "select status, cancel_requested, claimed_by, failed from import_job where id = ? for update";
        later.addQuery(sql, (query, before) -> query.setString(before + 1, jobId), row -> found.accept(!row.next()
                ? null : new Locked(ImportStatus.valueOf(row.getString(1)), row.getBoolean(2), row.getString(3),
                        row.getInt(4))));
    }

    /**
     * Adds a written chunk's outcome to the job's counters (processed = added + updated + failed, as {@link
     * ImportJob#countChunk} counts), moves its checkpoint to the chunk's last line and beats its heart.
     */
    void countChunk(String jobId, Instant now, ChunkOutcome outcome, int failedInChunk, int lastLine)
            throws SQLException {
        Statements together = Statements.on(connection);
        countChunk(jobId, now, outcome, failedInChunk, lastLine, together);
        together.send();
    }

    /** Counts the chunk with the statements it sends together at its end (see {@link Statements}). */
    void countChunk(String jobId, Instant now, ChunkOutcome outcome, int failedInChunk, int lastLine,
            Statements later) throws SQLException {
        String sql = "update import_job set heartbeat_at = ?, added = added + ?, updated = updated + ?,"
                + " unchanged = unchanged + ?, failed = failed + ?, processed = added + updated + failed + ?,"
                + " checkpoint_line = ? where id = ?";
        later.add(sql, (update, before) -> {
            update.setTimestamp(before + 1, Timestamp.from(now));
            update.setInt(before + 2, outcome.added());
            update.setInt(before + 3, outcome.updated());
            update.setInt(before + 4, outcome.unchanged());
            update.setInt(before + 5, failedInChunk);
            update.setInt(before + 6, outcome.added() + outcome.updated() + failedInChunk);
            update.setInt(before + 7, lastLine);
            update.setString(before + 8, jobId);
        });
    }
}
