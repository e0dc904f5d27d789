package dev.intake.domain.importing;

import dev.intake.domain.record.Dialect;
import dev.intake.domain.record.FlatJson;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * The journal of what imports changed, on a connection the caller owns, written in each chunk's own transaction
 * and read by undo a page of records at a time in record id order. A changed record gets a row of its own with the
 * values the chunk changed (all of them in one statement: from array parameters on PostgreSQL, a batch on H2; see
 * {@link Dialect}); the records a chunk created share one row, which lists them with the line that created each.
 */
public final class ImportJournal {

    private final Connection connection;

    public ImportJournal(Connection connection) {
        this.connection = connection;
    }

    /** Journals one chunk's entries. */
    public void add(String jobId, List<JournalEntry> entries) throws SQLException {
        List<JournalEntry> changed = new ArrayList<>();
        List<JournalEntry> created = new ArrayList<>();
        entries.forEach(entry -> (entry.created() ? created : changed).add(entry));
        addCreated(jobId, created);
        if (changed.isEmpty()) {
            return;
        }
        if (Dialect.of(connection) == Dialect.H2) {
            addInBatch(jobId, changed);
        } else {
            addFromArrays(jobId, changed);
        }
    }

    /** One row for all the records a chunk created, in id order; see V13. */
    private void addCreated(String jobId, List<JournalEntry> created) throws SQLException {
        if (created.isEmpty()) {
            return;
        }
        List<JournalEntry> inIdOrder = created.stream().sorted(Comparator.comparingLong(JournalEntry::recordId))
                .toList();
        String sql = "insert into import_journal_created (job_id, first_record, last_record, records)"
                + " values (?, ?, ?, ?)";
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            insert.setString(1, jobId);
            insert.setLong(2, inIdOrder.get(0).recordId());
            insert.setLong(3, inIdOrder.get(inIdOrder.size() - 1).recordId());
            insert.setString(4, CreatedRecords.encode(inIdOrder));
            insert.executeUpdate();
        }
    }

    private void addFromArrays(String jobId, List<JournalEntry> changed) throws SQLException {
        String sql = "insert into import_journal (job_id, record_id, line, created, previous_values)"
                + " select ?, v.record_id, v.line, false, v.previous_values from unnest(?, ?, ?)"
                + " as v(record_id, line, previous_values)";
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            insert.setString(1, jobId);
            insert.setArray(2, array("bigint", changed, JournalEntry::recordId, Long[]::new));
            insert.setArray(3, array("integer", changed, JournalEntry::line, Integer[]::new));
            insert.setArray(4, array("text", changed, entry -> encode(entry.previousValues()), String[]::new));
            insert.executeUpdate();
        }
    }

    private <V> Array array(String type, List<JournalEntry> entries, Function<JournalEntry, V> field,
            IntFunction<V[]> newArray) throws SQLException {
        return Dialect.column(connection, type, entries, field, newArray);
    }

    private void addInBatch(String jobId, List<JournalEntry> changed) throws SQLException {
        String sql = "insert into import_journal (job_id, record_id, line, created, previous_values)"
                + " values (?, ?, ?, false, ?)";
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            for (JournalEntry entry : changed) {
                insert.setString(1, jobId);
                insert.setLong(2, entry.recordId());
                insert.setInt(3, entry.line());
                insert.setString(4, encode(entry.previousValues()));
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
        TreeMap<Long, List<JournalEntry>> byRecord = changedAfter(jobId, afterRecord, size);
        Long lastChanged = byRecord.size() < size ? null : byRecord.lastKey();
        for (long firstRecord : createdRows(jobId, afterRecord, lastChanged)) {
            if (byRecord.size() >= size && firstRecord > nthRecord(byRecord, size)) {
                break; // this row's records, and those of every later one, all come after the page
            }
            for (JournalEntry entry : createdRecords(jobId, firstRecord)) {
                if (entry.recordId() > afterRecord) {
                    byRecord.computeIfAbsent(entry.recordId(), id -> new ArrayList<>()).add(entry);
                }
            }
        }
        return byRecord.values().stream().limit(size).map(ImportJournal::combined).toList();
    }

    /** Whether the job's journal holds more than the given number of records. */
    public boolean holdsMoreThan(String jobId, int records) throws SQLException {
        return recordsAfter(jobId, Long.MIN_VALUE, records + 1).size() > records;
    }

    /** The first {@code size} records after {@code afterRecord} that a chunk changed, with all their entries. */
    private TreeMap<Long, List<JournalEntry>> changedAfter(String jobId, long afterRecord, int size)
            throws SQLException {
        String sql = "select record_id, line, created, previous_values from import_journal where job_id = ?"
                + " and record_id in (select distinct record_id from import_journal where job_id = ?"
                + " and record_id > ? order by record_id limit ?)";
        TreeMap<Long, List<JournalEntry>> byRecord = new TreeMap<>();
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
        return byRecord;
    }

    /**
     * The first record of each of the job's created rows that hold records after {@code afterRecord} (and, when
     * {@code upTo} is given, not only records after it), in order: each row is named by its first record.
     */
    private List<Long> createdRows(String jobId, long afterRecord, Long upTo) throws SQLException {
        String sql = "select first_record from import_journal_created where job_id = ?"
                + " and last_record > ?" + (upTo == null ? "" : " and first_record <= ?") + " order by first_record";
        List<Long> rowsByFirst = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, jobId);
            query.setLong(2, afterRecord);
            if (upTo != null) {
                query.setLong(3, upTo);
            }
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    rowsByFirst.add(rows.getLong(1));
                }
            }
        }
        return rowsByFirst;
    }

    private List<JournalEntry> createdRecords(String jobId, long firstRecord) throws SQLException {
        String sql = "select records from import_journal_created where job_id = ? and first_record = ?";
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, jobId);
            query.setLong(2, firstRecord);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? CreatedRecords.decode(rows.getString(1)) : List.of();
            }
        }
    }

    /** The id of the n-th record of the map, counting from one; the map holds at least n. */
    private static long nthRecord(TreeMap<Long, List<JournalEntry>> byRecord, int n) {
        return byRecord.keySet().stream().skip(n - 1L).findFirst().orElseThrow();
    }

    /** A record's entries, from its created row and its changed rows, combined in line order. */
    private static JournalEntry combined(List<JournalEntry> entries) {
        entries.sort(Comparator.comparingInt(JournalEntry::line));
        return JournalEntry.combine(entries);
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
