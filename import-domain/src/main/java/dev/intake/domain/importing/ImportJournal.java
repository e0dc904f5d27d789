package dev.intake.domain.importing;

import dev.intake.domain.record.Dialect;
import dev.intake.domain.record.FlatJson;
import dev.intake.domain.record.Statements;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The journal of what imports changed, on a connection the caller owns, written in each chunk's own transaction
 * and read by undo a page of records at a time in record id order. The records a chunk changed share one row per
 * block of {@value #ID_BLOCK} record ids, which lists each with the previous values of the fields the chunk changed
 * (all rows in one statement: from array parameters on PostgreSQL, a batch on H2; see {@link Dialect}); the records
 * a chunk created share one row, which lists them with the line that created each.
 */
public final class ImportJournal {

    /** How many record ids one row of changed records covers at most: see V15. */
    static final long ID_BLOCK = 1000;

    private static final String INSERT_CREATED = "insert into import_journal_created (job_id, first_record,"
            + " last_record, records) values (?, ?, ?, ?)";

    private static final String INSERT_CHANGED_FROM_ARRAYS = "insert into import_journal_changed (job_id, id_block,"
            + " line, records) select ?, v.id_block, v.line, v.records from unnest(?, ?, ?) as v(id_block, line,"
            + " records)";

    /** The most blocks of ids one query of a batch reads, however sparse the journal's blocks are. */
    private static final long MAX_BLOCKS_READ = 1 << 16;

    private static final Comparator<JournalEntry> BY_RECORD_ID = Comparator.comparingLong(JournalEntry::recordId);

    private final Connection connection;

    public ImportJournal(Connection connection) {
        this.connection = connection;
    }

    /** Journals one chunk's entries. */
    public void add(String jobId, List<JournalEntry> entries) throws SQLException {
        Statements together = Statements.on(connection);
        add(jobId, rows(entries), together);
        together.send();
    }

    /**
     * Journals one chunk's entries, in the stored form {@link #rows} gave them, with the statements the chunk
     * sends together at its end (see {@link Statements}); on H2 they are written now.
     */
    public void add(String jobId, Rows rows, Statements later) throws SQLException {
        CreatedRow created = rows.created();
        if (created != null) {
            later.add(INSERT_CREATED, (insert, before) -> {
                insert.setString(before + 1, jobId);
                insert.setLong(before + 2, created.firstRecord());
                insert.setLong(before + 3, created.lastRecord());
                insert.setString(before + 4, created.records());
            });
        }
        if (rows.changed().isEmpty()) {
            return;
        }
        if (Dialect.of(connection) == Dialect.H2) {
            addChangedInBatch(jobId, rows.changed());
        } else {
            later.add(INSERT_CHANGED_FROM_ARRAYS, (insert, before) -> bindChanged(insert, before, jobId,
                    rows.changed()));
        }
    }

    /**
     * A chunk's entries in the form they are stored, without asking the database: one row for the records the
     * chunk created, in id order (V13), and for the records it changed one row per block of record ids, named by
     * the chunk's first line (V15). An import computes them while it plans the chunk, off the writing thread.
     */
    public static Rows rows(List<JournalEntry> entries) {
        List<JournalEntry> changed = new ArrayList<>();
        List<JournalEntry> created = new ArrayList<>();
        for (JournalEntry entry : entries) {
            (entry.created() ? created : changed).add(entry);
        }
        return new Rows(createdRow(inIdOrder(created)), changedRows(inIdOrder(changed)));
    }

    /**
     * The entries sorted by record id: as a rule they come in that order already (a chunk's new records draw
     * ascending ids in file order), and are then taken as they are.
     */
    private static List<JournalEntry> inIdOrder(List<JournalEntry> entries) {
        for (int i = 1; i < entries.size(); i++) {
            if (entries.get(i - 1).recordId() > entries.get(i).recordId()) {
                entries.sort(BY_RECORD_ID);
                return entries;
            }
        }
        return entries;
    }

    private static CreatedRow createdRow(List<JournalEntry> inIdOrder) {
        if (inIdOrder.isEmpty()) {
            return null;
        }
        return new CreatedRow(inIdOrder.get(0).recordId(), inIdOrder.get(inIdOrder.size() - 1).recordId(),
                CreatedRecords.encode(inIdOrder));
    }

    /** One row per block of record ids, named by the chunk's first line; the entries come in id order. */
    private static List<ChangedRow> changedRows(List<JournalEntry> inIdOrder) {
        int chunkLine = Integer.MAX_VALUE;
        for (JournalEntry entry : inIdOrder) {
            chunkLine = Math.min(chunkLine, entry.line());
        }
        List<ChangedRow> rows = new ArrayList<>();
        int start = 0;
        while (start < inIdOrder.size()) {
            long block = idBlock(inIdOrder.get(start).recordId());
            int end = start + 1;
            while (end < inIdOrder.size() && idBlock(inIdOrder.get(end).recordId()) == block) {
                end++;
            }
            rows.add(new ChangedRow(block, chunkLine, ChangedRecords.encode(inIdOrder.subList(start, end))));
            start = end;
        }
        return rows;
    }

    /** Binds the changed rows to the parameters after the first {@code before} of the statement. */
    private void bindChanged(PreparedStatement insert, int before, String jobId, List<ChangedRow> rows)
            throws SQLException {
        insert.setString(before + 1, jobId);
        insert.setArray(before + 2, Dialect.column(connection, "bigint", rows, ChangedRow::block, Long[]::new));
        insert.setArray(before + 3, Dialect.column(connection, "integer", rows, ChangedRow::line, Integer[]::new));
        insert.setArray(before + 4, Dialect.column(connection, "text", rows, ChangedRow::records, String[]::new));
    }

    private void addChangedInBatch(String jobId, List<ChangedRow> rows) throws SQLException {
        String sql = "insert into import_journal_changed (job_id, id_block, line, records) values (?, ?, ?, ?)";
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            for (ChangedRow row : rows) {
                insert.setString(1, jobId);
                insert.setLong(2, row.block());
                insert.setInt(3, row.line());
                insert.setString(4, row.records());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** The block of record ids a changed record's entry is journalled in. */
    static long idBlock(long recordId) {
        return Math.floorDiv(recordId, ID_BLOCK);
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

    /**
     * The first {@code size} records after {@code afterRecord} that a chunk changed, with all their entries: from
     * the rows per block of ids (V15) and from the rows per record of journals written before.
     */
    private TreeMap<Long, List<JournalEntry>> changedAfter(String jobId, long afterRecord, int size)
            throws SQLException {
        TreeMap<Long, List<JournalEntry>> byRecord = changedBeforeV15(jobId, afterRecord, size);
        changedInBlocks(jobId, afterRecord, size).forEach((id, entries) -> byRecord
                .computeIfAbsent(id, record -> new ArrayList<>()).addAll(entries));
        while (byRecord.size() > size) {
            byRecord.pollLastEntry();
        }
        return byRecord;
    }

    /** The first {@code size} records after {@code afterRecord} of the rows per changed record (before V15). */
    private TreeMap<Long, List<JournalEntry>> changedBeforeV15(String jobId, long afterRecord, int size)
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
     * At least the first {@code size} records after {@code afterRecord} of the job's rows of changed records (all
     * of them when it has fewer), with all their entries. Reads whole blocks of ids, from the first block that has
     * rows on, as many at a time as the records still missing need at the density of the blocks read so far.
     */
    private TreeMap<Long, List<JournalEntry>> changedInBlocks(String jobId, long afterRecord, int size)
            throws SQLException {
        TreeMap<Long, List<JournalEntry>> byRecord = new TreeMap<>();
        long from = idBlock(afterRecord);
        long blocksRead = 0;
        while (byRecord.size() < size) {
            Long first = firstBlockFrom(jobId, from);
            if (first == null) {
                break;
            }
            long perBlock = blocksRead == 0 ? size : Math.max(1, byRecord.size() / blocksRead);
            long blocks = Math.min(MAX_BLOCKS_READ, Math.max(1, (size - byRecord.size() + perBlock - 1) / perBlock));
            blocksRead += readBlocks(jobId, first, first + blocks, afterRecord, byRecord);
            from = first + blocks;
        }
        return byRecord;
    }

    /** The first block from {@code from} on that holds changed records of the job, or null. */
    private Long firstBlockFrom(String jobId, long from) throws SQLException {
        String sql = "select min(id_block) from import_journal_changed where job_id = ? and id_block >= ?";
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, jobId);
            query.setLong(2, from);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                long first = rows.getLong(1);
                return rows.wasNull() ? null : first;
            }
        }
    }

    /**
     * Adds the entries after {@code afterRecord} of the blocks from {@code from} (inclusive) to {@code to}
     * (exclusive); answers how many of them held rows.
     */
    private int readBlocks(String jobId, long from, long to, long afterRecord,
            TreeMap<Long, List<JournalEntry>> byRecord) throws SQLException {
        String sql = "select id_block, records from import_journal_changed where job_id = ? and id_block >= ?"
                + " and id_block < ? order by id_block, line";
        int blocks = 0;
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, jobId);
            query.setLong(2, from);
            query.setLong(3, to);
            try (ResultSet rows = query.executeQuery()) {
                long lastBlock = Long.MIN_VALUE;
                while (rows.next()) {
                    if (rows.getLong(1) != lastBlock) {
                        lastBlock = rows.getLong(1);
                        blocks++;
                    }
                    for (JournalEntry entry : ChangedRecords.decode(rows.getString(2))) {
                        if (entry.recordId() > afterRecord) {
                            byRecord.computeIfAbsent(entry.recordId(), id -> new ArrayList<>()).add(entry);
                        }
                    }
                }
            }
        }
        return blocks;
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

    /** {@link #encode(Map)} appended to the text. */
    static void encode(Map<String, String> previous, StringBuilder text) {
        FlatJson.write(previous, text);
    }

    static Map<String, String> decode(String json) {
        return FlatJson.read(json).orElseThrow(() -> new IllegalStateException("A journal entry is not a flat"
                + " JSON object: " + json));
    }

    /** A chunk's journal as it is stored: the row of its created records (null: none) and its changed rows. */
    public record Rows(CreatedRow created, List<ChangedRow> changed) {

        public Rows {
            changed = List.copyOf(changed);
        }
    }

    /** The row of the records a chunk created: the smallest and largest id, and the records' text (V13). */
    public record CreatedRow(long firstRecord, long lastRecord, String records) {
    }

    /** A row of the records a chunk changed in one block of ids, named by the chunk's first line (V15). */
    public record ChangedRow(long block, int line, String records) {
    }
}
