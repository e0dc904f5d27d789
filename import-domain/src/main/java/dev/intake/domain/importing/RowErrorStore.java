package dev.intake.domain.importing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/** Keeps the failed rows of an import, numbered in the order they failed, on a connection the caller owns. */
public final class RowErrorStore {

    private final Connection connection;

    public RowErrorStore(Connection connection) {
        this.connection = connection;
    }

    /** Stores errors numbered from {@code firstSeq} on. */
    public void add(String jobId, int firstSeq, List<RowError> errors) throws SQLException {
        if (errors.isEmpty()) {
            return;
        }
        String sql = "insert into row_error (job_id, seq, line, column_name, cell_value, code, message) "
                + "values (?, ?, ?, ?, ?, ?, ?)";
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            int seq = firstSeq;
            for (RowError error : errors) {
                insert.setString(1, jobId);
                insert.setInt(2, seq++);
                insert.setInt(3, error.line());
                setNullable(insert, 4, error.column());
                setNullable(insert, 5, error.value());
                insert.setString(6, error.code());
                insert.setString(7, truncate(error.message(), 2000));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** Up to {@code first} errors numbered after {@code afterSeq}, in order. */
    public List<RowError> page(String jobId, int afterSeq, int first) throws SQLException {
        String sql = "select line, column_name, cell_value, code, message from row_error "
                + "where job_id = ? and seq > ? order by seq limit ?";
        List<RowError> errors = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, jobId);
            query.setInt(2, afterSeq);
            query.setInt(3, first);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    errors.add(new RowError(rows.getInt(1), rows.getString(2), rows.getString(3), rows.getString(4),
                            rows.getString(5)));
                }
            }
        }
        return errors;
    }

    private static void setNullable(PreparedStatement statement, int index, String value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.VARCHAR);
        } else {
            statement.setString(index, value);
        }
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
