package dev.intake.domain.retention;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Removes import history whose {@code expiresAt} has passed: the jobs with their row errors, row outcomes,
 * journal (after which the import can no longer be undone) and callback deliveries, which also frees their
 * idempotency keys. The records the imports created stay. Works in batches of a bounded size, each its own
 * short transaction, so that the history is never locked for long however much has expired.
 */
public final class HistoryPurge {

    /** A purged job: its id and the stored upload it may have left, for the caller to remove. */
    public record PurgedJob(String id, String uploadPath) {
    }

    private final Connection connection;

    public HistoryPurge(Connection connection) {
        this.connection = connection;
    }

    /** Removes up to {@code batchSize} expired jobs that are no longer running, and answers them. */
    public List<PurgedJob> purgeBatch(Instant now, int batchSize) throws SQLException {
        List<PurgedJob> expired = expired(now, batchSize);
        if (expired.isEmpty()) {
            return expired;
        }
        List<String> ids = expired.stream().map(PurgedJob::id).toList();
        delete("delete from row_error where job_id in (", ids);
        delete("delete from callback_attempt where job_id in (", ids);
        delete("delete from callback_delivery where job_id in (", ids);
        // Known shortcoming (README): for jobs of millions of rows these deletes make the batch's transaction long.
        delete("delete from row_outcome where job_id in (", ids);
        delete("delete from import_journal where job_id in (", ids);
        delete("delete from import_journal_created where job_id in (", ids);
        delete("delete from import_journal_changed where job_id in (", ids);
        delete("delete from import_job where id in (", ids);
        return expired;
    }

    private List<PurgedJob> expired(Instant now, int batchSize) throws SQLException {
        String sql = "select id, upload_path from import_job where expires_at <= ? and status not in"
                + " ('QUEUED', 'RUNNING') order by expires_at limit ?";
        List<PurgedJob> jobs = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setTimestamp(1, Timestamp.from(now));
            query.setInt(2, batchSize);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    jobs.add(new PurgedJob(rows.getString(1), rows.getString(2)));
                }
            }
        }
        return jobs;
    }

    private void delete(String statementStart, List<String> ids) throws SQLException {
        String sql = statementStart + String.join(", ", Collections.nCopies(ids.size(), "?")) + ")";
        try (PreparedStatement delete = connection.prepareStatement(sql)) {
            for (int i = 0; i < ids.size(); i++) {
                delete.setString(i + 1, ids.get(i));
            }
            delete.executeUpdate();
        }
    }
}
