package dev.intake.domain.importing;

import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The journal of what imports changed, on a connection the caller owns: written with one batched statement per
 * chunk in the chunk's own transaction, read by undo a page of records at a time in record id order.
 */
public final class ImportJournal {

    private static final JsonProvider JSON = JsonProvider.provider();

    private final Connection connection;

    public ImportJournal(Connection connection) {
        this.connection = connection;
    }

    public void add(String jobId, List<JournalEntry> entries) throws SQLException {
        if (entries.isEmpty()) {
            return;
        }
        String sql = "insert into import_journal (job_id, record_id, line, created, previous_values)"
                + " values (?, ?, ?, ?, ?)";
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            for (JournalEntry entry : entries) {
                insert.setString(1, jobId);
                insert.setLong(2, entry.recordId());
                insert.setInt(3, entry.line());
                insert.setBoolean(4, entry.created());
                if (entry.created()) {
                    insert.setNull(5, Types.VARCHAR);
                } else {
                    insert.setString(5, encode(entry.previousValues()));
                }
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

    static String encode(Map<String, String> previous) {
        JsonObjectBuilder object = JSON.createObjectBuilder();
        previous.forEach((field, value) -> {
            if (value == null) {
                object.addNull(field);
            } else {
                object.add(field, value);
            }
        });
        return object.build().toString();
    }

    static Map<String, String> decode(String json) {
        Map<String, String> previous = new LinkedHashMap<>();
        try (JsonReader reader = JSON.createReader(new StringReader(json))) {
            for (Map.Entry<String, JsonValue> field : reader.readObject().entrySet()) {
                previous.put(field.getKey(), field.getValue() instanceof JsonString text ? text.getString() : null);
            }
        }
        return previous;
    }
}
