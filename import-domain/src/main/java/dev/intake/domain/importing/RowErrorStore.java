package dev.intake.domain.importing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/** Keeps the failed rows of an import, numbered in the order they failed, on a connection the caller owns. */
public final class RowErrorStore {

    private final Connection connection;

    public RowErrorStore(Connection connection) {
        this.connection = connection;
    }

    /** Stores errors numbered from {@code firstSeq} on, each with the cells of its row as the file had them. */
    public void add(String jobId, int firstSeq, List<RowError> errors, Function<Integer, List<String>> rowCells)
            throws SQLException {
        if (errors.isEmpty()) {
            return;
        }
        String sql = "insert into row_error (job_id, seq, line, column_name, cell_value, code, message, row_cells) "
                + "values (?, ?, ?, ?, ?, ?, ?, ?)";
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
                List<String> cells = rowCells.apply(error.line());
                setNullable(insert, 8, cells == null ? null : CellsJson.encode(cells));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** The number of the last error stored for a job, 0 when there is none. */
    public int lastSeq(String jobId) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "select coalesce(max(seq), 0) from row_error where job_id = ?")) {
            query.setString(1, jobId);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
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

    /** The errors of the rows from line {@code from} to line {@code to}, by line, each line's in order. */
    public Map<Integer, List<RowError>> inLines(String jobId, int from, int to) throws SQLException {
        String sql = "select line, column_name, cell_value, code, message from row_error "
                + "where job_id = ? and line between ? and ? order by seq";
        Map<Integer, List<RowError>> byLine = new HashMap<>();
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, jobId);
            query.setInt(2, from);
            query.setInt(3, to);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    RowError error = new RowError(rows.getInt(1), rows.getString(2), rows.getString(3),
                            rows.getString(4), rows.getString(5));
                    byLine.computeIfAbsent(error.line(), line -> new ArrayList<>()).add(error);
                }
            }
        }
        return byLine;
    }

    /** Every failed row in the order the rows failed: its line, its cells as read and all its errors. */
    public void forEachFailedRow(String jobId, Consumer<FailedRow> consumer) throws SQLException {
        String sql = "select line, column_name, cell_value, code, message, row_cells from row_error "
                + "where job_id = ? order by seq";
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, jobId);
            query.setFetchSize(500);
            try (ResultSet rows = query.executeQuery()) {
                FailedRow current = null;
                while (rows.next()) {
                    RowError error = new RowError(rows.getInt(1), rows.getString(2), rows.getString(3),
                            rows.getString(4), rows.getString(5));
                    if (current == null || current.line() != error.line()) {
                        if (current != null) {
                            consumer.accept(current);
                        }
                        String cells = rows.getString(6);
                        current = new FailedRow(error.line(), cells == null ? List.of() : CellsJson.decode(cells),
                                new ArrayList<>());
                    }
                    current.errors().add(error);
                }
                if (current != null) {
                    consumer.accept(current);
                }
            }
        }
    }

    /** A failed row: its physical line, its cells as the file had them, and every reason it failed. */
    public record FailedRow(int line, List<String> cells, List<RowError> errors) {
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
