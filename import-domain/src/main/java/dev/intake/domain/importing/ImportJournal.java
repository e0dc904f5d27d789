package dev.intake.domain.importing;

import dev.intake.domain.record.Dialect;
import dev.intake.domain.record.FlatJson;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * The journal of what imports changed, on a connection the caller owns: written with one statement per chunk in
 * the chunk's own transaction (from array parameters on PostgreSQL, a batch on H2; see {@link Dialect}), read by
 * undo a page of records at a time in record id order.
 */
public final class ImportJournal {

    private final Connection connection;

    public ImportJournal(Connection connection) {
        this.connection = connection;
    }

    public void add(String jobId, List<JournalEntry> entries) throws SQLException {
        if (entries.isEmpty()) {
            return;
        }
        if (Dialect.of(connection) == Dialect.H2) {
            addInBatch(jobId, entries);
        } else {
            addFromArrays(jobId, entries);
        }
    }

    private void addFromArrays(String jobId, List<JournalEntry> entries) throws SQLException {
        String sql = "insert into import_journal (job_id, record_id, line, created, previous_values)"
                + " select ?, v.record_id, v.line, v.created, v.previous_values from unnest(?, ?, ?, ?)"
                + " as v(record_id, line, created, previous_values)";
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            insert.setString(1, jobId);
            insert.setArray(2, array("bigint", entries, JournalEntry::recordId, Long[]::new));
            insert.setArray(3, array("integer", entries, JournalEntry::line, Integer[]::new));
            insert.setArray(4, array("boolean", entries, JournalEntry::created, Boolean[]::new));
            insert.setArray(5, array("text", entries, ImportJournal::previousValues, String[]::new));
            insert.executeUpdate();
        }
    }

    private <V> Array array(String type, List<JournalEntry> entries, Function<JournalEntry, V> field,
            IntFunction<V[]> newArray) throws SQLException {
        return Dialect.column(connection, type, entries, field, newArray);
    }

    private void addInBatch(String jobId, List<JournalEntry> entries) throws SQLException {
        String sql = "insert into import_journal (job_id, record_id, line, created, previous_values)"
                + " values (?, ?, ?, ?, ?)";
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            for (JournalEntry entry : entries) {
                insert.setString(1, jobId);
                insert.setLong(2, entry.recordId());
                insert.setInt(3, entry.line());
                insert.setBoolean(4, entry.created());
                insert.setString(5, previousValues(entry));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /**
     * The journalled records of a job with ids above {@code afterRecord}, up to {@code size} records in id order,
     * each with its entries combined (see {@link JournalEntry#combine}).
     */
    public List<JournalEntry> recordsAfter(String jobId, long afterRecord, int size) throws SQLException {
        String sql = "select record_id, line, created, previous_values from import_journal where job_id = ?"
                + " and record_id in (select distinct record_id from import_journal where job_id = ?"
                + " and record_id > ? order by record_id limit ?) order by record_id, line";
        Map<Long, List<JournalEntry>> byRecord = new LinkedHashMap<>();
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, jobId);
            query.setString(2, jobId);
            query.setLong(3, afterRecord);
            query.setInt(4, size);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    String previous = rows.getString(4);
                    JournalEntry entry = new JournalEntry(rows.getLong(1), rows.getInt(2), rows.getBoolean(3),
                            previous == null ? Map.of() : decode(previous));
                    byRecord.computeIfAbsent(entry.recordId(), id -> new ArrayList<>()).add(entry);
                }
            }
        }
        return byRecord.values().stream().map(JournalEntry::combine).toList();
    }

    /** How many records the job's journal holds. */
    public int recordCount(String jobId) throws SQLException {
        String sql = "select count(distinct record_id) from import_journal where job_id = ?";
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, jobId);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    /** The stored form of an entry's previous values: none for a record the chunk created. */
    private static String previousValues(JournalEntry entry) {
        return entry.created() ? null : encode(entry.previousValues());
    }

    /** The previous values as one JSON object; null stands for a field that had no value. */
    static String encode(Map<String, String> previous) {
        return FlatJson.write(previous);
    }

    static Map<String, String> decode(String json) {
        return FlatJson.read(json).orElseThrow(() -> new IllegalStateException("A journal entry is not a flat"
                + " JSON object: " + json));
    }
}
