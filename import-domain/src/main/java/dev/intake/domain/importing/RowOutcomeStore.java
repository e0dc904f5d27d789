package dev.intake.domain.importing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps the outcome of every row of an import, one small row per file row (line, one character, record id),
 * written with one batched statement per chunk on a connection the caller owns.
 */
public final class RowOutcomeStore {

    private final Connection connection;

    public RowOutcomeStore(Connection connection) {
        this.connection = connection;
    }

    public void add(String jobId, List<RowOutcome> outcomes) throws SQLException {
        if (outcomes.isEmpty()) {
            return;
        }
        String sql = "insert into row_outcome (job_id, line, outcome, record_id) values (?, ?, ?, ?)";
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            for (RowOutcome outcome : outcomes) {
                insert.setString(1, jobId);
                insert.setInt(2, outcome.line());
                insert.setString(3, String.valueOf(outcome.kind().code()));
                if (outcome.recordId() == null) {
                    insert.setNull(4, Types.BIGINT);
                } else {
                    insert.setLong(4, outcome.recordId());
                }
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** Up to {@code size} outcomes of rows after the given line, in line order. */
    public List<RowOutcome> page(String jobId, int afterLine, int size) throws SQLException {
        String sql = "select line, outcome, record_id from row_outcome where job_id = ? and line > ?"
                + " order by line limit ?";
        List<RowOutcome> outcomes = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, jobId);
            query.setInt(2, afterLine);
            query.setInt(3, size);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    long recordId = rows.getLong(3);
                    Long touched = rows.wasNull() ? null : recordId;
                    outcomes.add(new RowOutcome(rows.getInt(1), RowOutcome.Kind.of(rows.getString(2).charAt(0)),
                            touched));
                }
            }
        }
        return outcomes;
    }

    /** Forgets a job's outcomes, for a dry run that starts over. */
    public void clear(String jobId) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("delete from row_outcome where job_id = ?")) {
            delete.setString(1, jobId);
            delete.executeUpdate();
        }
    }
}
