package dev.intake.domain.record;

import dev.intake.domain.app.AppDefinition;
import dev.intake.domain.app.MatchRule;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * Reads and writes records and their match keys with plain JDBC on a connection the caller owns, so that a chunk
 * of an import is a handful of set-based statements in the caller's transaction: one lookup of keys with their
 * records per rule, and the inserts and updates. A record holds the key of its app's first rule itself ({@link
 * #RECORD_HELD_RULE}); the keys of other rules are rows of their own. On PostgreSQL each list a chunk writes is one
 * statement that joins array parameters through {@code unnest} (a batch would still bind every value as a
 * parameter of its own and execute row by row on the server); H2, embedded, takes batches (see {@link Dialect}).
 * Record ids come from a sequence that hands out blocks of a thousand ({@link RecordIds}).
 */
public final class RecordStore {

    /** Ids handed out by one call of the sequence; must equal the sequence's increment. */
    static final int ID_BLOCK = 1000;

    /**
     * The match rule whose key a record holds itself, in {@code crm_record.match_key} with a unique index (V14):
     * most apps match on one rule, so a record and its key are one row, and a lookup reads the record directly.
     * The keys of the other rules are rows of {@code crm_record_key}.
     */
    public static final int RECORD_HELD_RULE = 0;

    /**
     * The longest match key a record can hold, in bytes of UTF-8: an entry of a PostgreSQL index holds at most
     * about 2,700 bytes (the key with its app's name), and the key columns hold 2,000 characters.
     */
    public static final int MAX_KEY_BYTES = 2000;

    /** Parameters of one IN list: well under every driver's limit. */
    private static final int IN_LIST_SIZE = 500;

    /**
     * Keys of one array parameter: a whole chunk's keys at the default chunk size, so that a chunk's lookup is one
     * statement per rule; an array is one parameter, sent in binary, whatever its length.
     */
    private static final int ARRAY_SIZE = 5000;

    /**
     * A local date and time given as microseconds since 1970-01-01 00:00 (see {@link #localMicros}), added up as
     * whole days and the microseconds left, where reading the same time from text went through PostgreSQL's date
     * parser, twice per record written. PostgreSQL multiplies an interval by a double: whole days, and the
     * microseconds of less than a day, are exact whatever the year, where the microseconds since 1970 alone would
     * not be beyond 2^53 (the years before 1685 and after 2254).
     */
    private static final String LOCAL_TIME = "(timestamp '1970-01-01' + (%1$s / 86400000000) * interval '1 day'"
            + " + (%1$s %% 86400000000) * interval '1 microsecond')";

    private static final String INSERT_FROM_ARRAYS = "insert into crm_record (id, entity, created_at, updated_at,"
            + " field_values, match_key, changed_by_job) select v.id, v.entity, " + localTime("v.created_at") + ", "
            + localTime("v.updated_at") + ", v.field_values, v.match_key, ? from unnest(?, ?, ?, ?, ?, ?)"
            + " as v(id, entity, created_at, updated_at, field_values, match_key)";

    private static final String UPDATE_FROM_ARRAYS = "update crm_record r set updated_at = "
            + localTime("v.updated_at") + ", field_values = v.field_values, changed_by_job = ? from unnest(?, ?, ?, ?)"
            + " as v(id, updated_at, field_values, read_at) where r.id = v.id"
            + " and (v.read_at is null or r.updated_at = " + localTime("v.read_at") + ")";

    private final Connection connection;
    private Dialect dialect;
    private final RecordIds ids;
    /**
     * The last time written, with its local microseconds: the records of a chunk share their times (the chunk's,
     * and that of the chunk that last wrote them), and converting a time costs more than comparing it.
     */
    private Instant lastTime;
    private long lastTimeMicros;

    public RecordStore(Connection connection) {
        this(connection, new RecordIds());
    }

    /** A store whose new record ids come from the caller's block of ids (an import's, across its chunks). */
    public RecordStore(Connection connection, RecordIds ids) {
        this.connection = connection;
        this.ids = ids;
    }

    /**
     * Whether looking up the given number of keys of an app with the given number of match rules takes one
     * statement, which sees one snapshot of what other transactions committed by itself: one rule, and no more
     * keys than one array parameter takes.
     */
    public static boolean looksUpInOneStatement(int rules, int keys) {
        return rules <= 1 && keys <= ARRAY_SIZE;
    }

    /** The connection the store works on, for writes that belong in the same transaction. */
    public Connection connection() {
        return connection;
    }

    /**
     * Makes every read of the caller's transaction see one snapshot of what other transactions committed, on
     * PostgreSQL (repeatable read); call it before the transaction's first query. A chunk's plan looks its keys up
     * rule by rule: under read committed, another import committing a record between two of those queries made a
     * row's keys seem to name two records (a false AMBIGUOUS_MATCH) where one snapshot shows none of them, so that
     * the row's write loses the race on the unique key and is planned again, finding the record.
     */
    // Known shortcoming: on the embedded H2 database the reads stay read committed (changing its isolation would
    // commit the transaction and outlive it on the pooled connection); concurrent imports into an app with several
    // match rules can still see that race there (README, limitations).
    public void readFromOneSnapshot() throws SQLException {
        if (isH2()) {
            return;
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("set transaction isolation level repeatable read");
        }
    }

    /**
     * The record ids that the given keys of an app point to: one indexed query per rule (and per few hundred
     * keys), since the primary key leads with entity and rule.
     */
    public Map<RecordKey, Long> findByKeys(String entity, Collection<RecordKey> keys) throws SQLException {
        Map<RecordKey, Long> found = new HashMap<>();
        findKeys(entity, keys, false, (key, rows) -> found.put(key, rows.getLong(2)));
        return found;
    }

    /**
     * The records that the given keys of an app point to, by key: the key lookup and the load of the records in
     * one query per rule (and per few hundred keys), so that a key and its record are read in one snapshot.
     */
    public Map<RecordKey, StoredRecord> findRecordsByKeys(String entity, Collection<RecordKey> keys)
            throws SQLException {
        Map<RecordKey, StoredRecord> found = new HashMap<>();
        findKeys(entity, keys, true, (key, rows) -> found.put(key, read(rows, 2)));
        return found;
    }

    private void findKeys(String entity, Collection<RecordKey> keys, boolean withRecords, KeyHandler handler)
            throws SQLException {
        Map<Integer, List<String>> valuesByRule = new TreeMap<>();
        keys.forEach(key -> valuesByRule.computeIfAbsent(key.rule(), rule -> new ArrayList<>()).add(key.value()));
        for (Map.Entry<Integer, List<String>> rule : valuesByRule.entrySet()) {
            for (List<String> slice : slices(rule.getValue().stream().distinct().toList(), ARRAY_SIZE)) {
                findInRule(entity, rule.getKey(), slice, withRecords, handler);
            }
        }
    }

    private void findInRule(String entity, int rule, List<String> values, boolean withRecords, KeyHandler handler)
            throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(rule == RECORD_HELD_RULE
                ? heldKeyQuery(withRecords) : keyRowQuery(withRecords))) {
            query.setArray(1, connection.createArrayOf("varchar", values.toArray(String[]::new)));
            query.setString(2, entity);
            if (rule != RECORD_HELD_RULE) {
                query.setInt(3, rule);
            }
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    handler.handle(new RecordKey(rule, rows.getString(1)), rows);
                }
            }
        }
    }

    /** Key values (an array), then the entity: the key, then the record's id or its five columns. */
    private String heldKeyQuery(boolean withRecords) throws SQLException {
        String columns = withRecords ? "r.id, r.entity, r.created_at, r.updated_at, r.field_values" : "r.id";
        return isH2()
                ? "select r.match_key, " + columns + " from table(v varchar = ?) t join crm_record r"
                        + " on r.entity = ? and r.match_key = t.v"
                : "select r.match_key, " + columns + " from crm_record r where r.match_key = any(?) and r.entity = ?";
    }

    /** Key values (an array), the entity, then the rule: the key, then the record's id or its five columns. */
    private String keyRowQuery(boolean withRecords) throws SQLException {
        String columns = withRecords ? "r.id, r.entity, r.created_at, r.updated_at, r.field_values" : "k.record_id";
        String records = withRecords ? " join crm_record r on r.id = k.record_id" : "";
        return isH2()
                ? "select k.key_value, " + columns + " from table(v varchar = ?) t join crm_record_key k"
                        + " on k.entity = ? and k.rule_no = ? and k.key_value = t.v" + records
                : "select k.key_value, " + columns + " from crm_record_key k" + records
                        + " where k.key_value = any(?) and k.entity = ? and k.rule_no = ?";
    }

    /** Takes one key found, with the rest of its result row. */
    private interface KeyHandler {
        void handle(RecordKey key, ResultSet row) throws SQLException;
    }

    /**
     * H2 uses an index for a list of values only when they arrive as a table to join; PostgreSQL does for
     * {@code = any(array)}. Both get the list as one array parameter.
     */
    private boolean isH2() throws SQLException {
        if (dialect == null) {
            dialect = Dialect.of(connection);
        }
        return dialect == Dialect.H2;
    }

    /**
     * Which of the given key values some record of the app holds, under any of its match rules: looked up rule by
     * rule through the primary key, so that no second index on the key values is needed.
     */
    public Set<String> existingKeyValues(AppDefinition app, Collection<String> keyValues) throws SQLException {
        Set<RecordKey> candidates = new HashSet<>();
        for (MatchRule rule : app.matchRules()) {
            keyValues.forEach(value -> candidates.add(new RecordKey(rule.index(), value)));
        }
        Set<String> existing = new HashSet<>();
        findByKeys(app.entity(), candidates).keySet().forEach(key -> existing.add(key.value()));
        return existing;
    }

    /**
     * Refreshes the planner's statistics of the record tables on PostgreSQL when an import has added more records
     * than they say the table holds (a table never analysed counts as holding none), and answers whether it did.
     * An import into an empty table would otherwise keep plans made for empty tables (scans) while the tables grow
     * by the thousand; an import into a large table leaves its figures about right, and analysing it again would
     * cost the database a second or so of work beside the import.
     */
    public boolean refreshStatistics(long recordsAdded) throws SQLException {
        if (isH2() || recordsAdded <= plannedRecordCount()) {
            return false;
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("analyze crm_record_key");
            statement.execute("analyze crm_record");
        }
        return true;
    }

    /** How many records the planner's statistics say the table holds; -1 before it was ever analysed. */
    private double plannedRecordCount() throws SQLException {
        String sql = "select reltuples from pg_class where oid = 'crm_record'::regclass";
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            return rows.next() ? rows.getDouble(1) : -1;
        }
    }

    /** The records with the given ids, by id. */
    public Map<Long, StoredRecord> load(Collection<Long> ids) throws SQLException {
        Map<Long, StoredRecord> records = new HashMap<>();
        queryByIds("select id, entity, created_at, updated_at, field_values from crm_record where id", ids,
                rows -> {
                    StoredRecord record = read(rows);
                    records.put(record.id(), record);
                });
        return records;
    }

    /** A fresh record id, drawn from the store's block of the sequence (see {@link RecordIds}). */
    public long newId() throws SQLException {
        return ids.next(connection);
    }

    public void insert(List<StoredRecord> records) throws SQLException {
        insert(records, null, Map.of());
    }

    /**
     * Inserts records written by a job (an import or an undo), which {@code changedBy} names, with the key each
     * holds under the {@link #RECORD_HELD_RULE} ({@code heldKeys}, by record id; none for a record absent from it).
     * A held key another record already holds breaks the unique index (SQLState 23505) and fails the statement.
     */
    public void insert(List<StoredRecord> records, String changedBy, Map<Long, String> heldKeys)
            throws SQLException {
        Statements together = Statements.on(connection);
        insert(EncodedRecords.of(records), changedBy, heldKeys, together);
        together.send();
    }

    /**
     * {@link #insert(List, String, Map)} with the records' values encoded already, with the statements a chunk
     * sends together at its end (see {@link Statements}): a broken unique index fails that round trip. On H2 the
     * records are inserted now.
     */
    public void insert(EncodedRecords encoded, String changedBy, Map<Long, String> heldKeys, Statements later)
            throws SQLException {
        if (encoded.isEmpty()) {
            return;
        }
        if (isH2()) {
            insertInBatch(encoded, changedBy, heldKeys);
        } else {
            later.add(INSERT_FROM_ARRAYS, (insert, before) -> bindInsert(insert, before, encoded, changedBy,
                    heldKeys));
        }
    }

    private void bindInsert(PreparedStatement insert, int before, EncodedRecords encoded, String changedBy,
            Map<Long, String> heldKeys) throws SQLException {
        List<StoredRecord> records = encoded.records();
        insert.setString(before + 1, changedBy);
        insert.setArray(before + 2, array("bigint", records, StoredRecord::id, Long[]::new));
        insert.setArray(before + 3, array("varchar", records, StoredRecord::entity, String[]::new));
        insert.setArray(before + 4, array("bigint", records, record -> localMicros(record.createdAt()), Long[]::new));
        insert.setArray(before + 5, array("bigint", records, record -> localMicros(record.updatedAt()), Long[]::new));
        insert.setArray(before + 6, connection.createArrayOf("text", encoded.values().toArray(String[]::new)));
        insert.setArray(before + 7, array("varchar", records, record -> heldKeys.get(record.id()), String[]::new));
    }

    private void insertInBatch(EncodedRecords encoded, String changedBy, Map<Long, String> heldKeys)
            throws SQLException {
        String sql = "insert into crm_record (id, entity, created_at, updated_at, field_values, match_key,"
                + " changed_by_job) values (?, ?, ?, ?, ?, ?, ?)";
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            for (int at = 0; at < encoded.size(); at++) {
                StoredRecord record = encoded.records().get(at);
                insert.setLong(1, record.id());
                insert.setString(2, record.entity());
                insert.setTimestamp(3, Timestamp.from(record.createdAt()));
                insert.setTimestamp(4, Timestamp.from(record.updatedAt()));
                insert.setString(5, encoded.valuesAt(at));
                insert.setString(6, heldKeys.get(record.id()));
                insert.setString(7, changedBy);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /**
     * Rewrites records' values and times as a job (an import or an undo) left them; {@code changedBy} names the job.
     * On PostgreSQL the whole list is one statement joined to arrays (a batch would still execute once per record
     * on the server); H2, embedded, takes a batch. A record with a time in {@code readAt} (when it was last
     * written, as the job read it) is only written if it was not written since: otherwise another job's change
     * that the job never saw would be overwritten. Such a record, like one deleted meanwhile, fails the statement
     * (see {@link #requireAllWritten}).
     */
    public void update(List<StoredRecord> records, String changedBy, Map<Long, Instant> readAt)
            throws SQLException {
        Statements together = Statements.on(connection);
        update(EncodedRecords.of(records), changedBy, readAt, together);
        together.send();
    }

    /**
     * {@link #update(List, String, Map)} with the records' values encoded already, with the statements a chunk
     * sends together at its end (see {@link Statements}): a record written since it was read fails that round
     * trip. On H2 the records are written now.
     */
    public void update(EncodedRecords encoded, String changedBy, Map<Long, Instant> readAt, Statements later)
            throws SQLException {
        if (encoded.isEmpty()) {
            return;
        }
        if (isH2()) {
            updateInBatch(encoded, changedBy, readAt);
        } else {
            later.add(UPDATE_FROM_ARRAYS, (update, before) -> bindUpdate(update, before, encoded, changedBy, readAt),
                    rows -> requireAllWritten(encoded.size(), rows));
        }
    }

    private void bindUpdate(PreparedStatement update, int before, EncodedRecords encoded, String changedBy,
            Map<Long, Instant> readAt) throws SQLException {
        List<StoredRecord> records = encoded.records();
        update.setString(before + 1, changedBy);
        update.setArray(before + 2, array("bigint", records, StoredRecord::id, Long[]::new));
        update.setArray(before + 3, array("bigint", records, record -> localMicros(record.updatedAt()), Long[]::new));
        update.setArray(before + 4, connection.createArrayOf("text", encoded.values().toArray(String[]::new)));
        update.setArray(before + 5, array("bigint", records, record -> localMicrosOrNull(readAt.get(record.id())),
                Long[]::new));
    }

    private <T, V> Array array(String type, Collection<T> items, Function<? super T, V> value,
            IntFunction<V[]> newArray) throws SQLException {
        return Dialect.column(connection, type, items, value, newArray);
    }

    private static String localTime(String micros) {
        return String.format(LOCAL_TIME, micros);
    }

    /**
     * A time for an array parameter: the local date and time that {@link PreparedStatement#setTimestamp} would
     * send, as microseconds since 1970-01-01 00:00, digits below a microsecond dropped.
     */
    long localMicros(Instant time) {
        if (!time.equals(lastTime)) {
            LocalDateTime local = LocalDateTime.ofInstant(time, ZoneId.systemDefault());
            lastTimeMicros = Math.addExact(Math.multiplyExact(local.toEpochSecond(ZoneOffset.UTC), 1_000_000L),
                    local.getNano() / 1000);
            lastTime = time;
        }
        return lastTimeMicros;
    }

    private Long localMicrosOrNull(Instant time) {
        return time == null ? null : localMicros(time);
    }

    /**
     * Fails the transaction when records to update were deleted (an undo) or written by another job since they
     * were read. Planning the chunk again on what is committed then creates the deleted ones anew and lays the
     * rows over the other job's values, so that no change, the other job's or the chunk's, is lost.
     */
    private static void requireAllWritten(int expected, int written) throws SQLException {
        if (written != expected) {
            throw new SQLException((expected - written) + " of " + expected + " records to update were changed or"
                    + " deleted by another job since they were read", "40001");
        }
    }

    private void updateInBatch(EncodedRecords encoded, String changedBy, Map<Long, Instant> readAt)
            throws SQLException {
        String sql = "update crm_record set updated_at = ?, field_values = ?, changed_by_job = ? where id = ?"
                + " and (cast(? as timestamp) is null or updated_at = cast(? as timestamp))";
        try (PreparedStatement update = connection.prepareStatement(sql)) {
            for (int at = 0; at < encoded.size(); at++) {
                StoredRecord record = encoded.records().get(at);
                Instant read = readAt.get(record.id());
                update.setTimestamp(1, Timestamp.from(record.updatedAt()));
                update.setString(2, encoded.valuesAt(at));
                update.setString(3, changedBy);
                update.setLong(4, record.id());
                update.setTimestamp(5, read == null ? null : Timestamp.from(read));
                update.setTimestamp(6, read == null ? null : Timestamp.from(read));
                update.addBatch();
            }
            requireAllWritten(encoded.size(), Arrays.stream(update.executeBatch()).map(RecordStore::rowsOf).sum());
        }
    }

    /** A batch's count for one statement; a driver may answer "done, count unknown", taken as one row. */
    private static int rowsOf(int count) {
        return count == Statement.SUCCESS_NO_INFO ? 1 : count;
    }

    /** Deletes records with their match keys (a held key goes with its record). */
    public void delete(Collection<Long> ids) throws SQLException {
        for (List<Long> slice : slices(List.copyOf(ids))) {
            String in = placeholders(slice.size());
            for (String table : List.of("crm_record_key where record_id", "crm_record where id")) {
                try (PreparedStatement delete = connection.prepareStatement("delete from " + table + " in (" + in
                        + ")")) {
                    for (int i = 0; i < slice.size(); i++) {
                        delete.setLong(i + 1, slice.get(i));
                    }
                    delete.executeUpdate();
                }
            }
        }
    }

    /** The job that last wrote each of the given records, by record id; absent when none is recorded. */
    public Map<Long, String> lastChangedBy(Collection<Long> ids) throws SQLException {
        Map<Long, String> changedBy = new HashMap<>();
        for (List<Long> slice : slices(List.copyOf(ids))) {
            String sql = "select id, changed_by_job from crm_record where id in (" + placeholders(slice.size()) + ")";
            try (PreparedStatement query = connection.prepareStatement(sql)) {
                for (int i = 0; i < slice.size(); i++) {
                    query.setLong(i + 1, slice.get(i));
                }
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        if (rows.getString(2) != null) {
                            changedBy.put(rows.getLong(1), rows.getString(2));
                        }
                    }
                }
            }
        }
        return changedBy;
    }

    /** The match keys stored for each of the given records, by record id. */
    public Map<Long, Set<RecordKey>> storedKeys(Collection<Long> ids) throws SQLException {
        Map<Long, Set<RecordKey>> keys = new HashMap<>();
        queryByIds("select record_id, rule_no, key_value from crm_record_key where record_id", ids,
                rows -> keys.computeIfAbsent(rows.getLong(1), id -> new HashSet<>())
                        .add(new RecordKey(rows.getInt(2), rows.getString(3))));
        queryByIds("select id, match_key from crm_record where match_key is not null and id", ids,
                rows -> keys.computeIfAbsent(rows.getLong(1), id -> new HashSet<>())
                        .add(new RecordKey(RECORD_HELD_RULE, rows.getString(2))));
        return keys;
    }

    /**
     * Locks the records until the transaction ends, in id order, so that a job that reads them next sees their
     * latest committed state and no other transaction changes them meanwhile: an undo takes them before it decides
     * what a record's last writer was, and an import writing them at the same time waits for it (or the undo for
     * the import).
     */
    public void lockForChange(Collection<Long> ids) throws SQLException {
        List<Long> ordered = ids.stream().sorted().toList();
        queryByIds("select id from crm_record where id", ordered, " order by id for update", rows -> { });
    }

    /** Runs the query, completed by {@code in (...)}, for a few hundred ids at a time, handing on every row. */
    private void queryByIds(String sqlBeforeIn, Collection<Long> ids, RowHandler handler) throws SQLException {
        queryByIds(sqlBeforeIn, ids, "", handler);
    }

    private void queryByIds(String sqlBeforeIn, Collection<Long> ids, String sqlAfterIn, RowHandler handler)
            throws SQLException {
        for (List<Long> slice : slices(List.copyOf(ids))) {
            String sql = sqlBeforeIn + " in (" + placeholders(slice.size()) + ")" + sqlAfterIn;
            try (PreparedStatement query = connection.prepareStatement(sql)) {
                for (int i = 0; i < slice.size(); i++) {
                    query.setLong(i + 1, slice.get(i));
                }
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        handler.handle(rows);
                    }
                }
            }
        }
    }

    /** Reads one row of a result. */
    private interface RowHandler {
        void handle(ResultSet row) throws SQLException;
    }

    /**
     * Gives records match keys: a key of the {@link #RECORD_HELD_RULE} is set on its record (which must exist), the
     * others are added as rows, on PostgreSQL with one statement from arrays, on H2 in a batch. A key another record
     * already holds breaks a unique index (SQLState 23505) and fails the statement.
     */
    public void addKeys(String entity, Map<RecordKey, Long> keys) throws SQLException {
        Map<RecordKey, Long> rows = new LinkedHashMap<>();
        List<Map.Entry<RecordKey, Long>> held = new ArrayList<>();
        keys.entrySet().forEach(key -> {
            if (key.getKey().rule() == RECORD_HELD_RULE) {
                held.add(key);
            } else {
                rows.put(key.getKey(), key.getValue());
            }
        });
        setHeldKeys(entity, held);
        if (rows.isEmpty()) {
            return;
        }
        if (isH2()) {
            addKeysInBatch(entity, rows);
        } else {
            addKeysFromArrays(entity, rows);
        }
    }

    /** Sets the held key of existing records: a key moved to another record, or one an undo gives back. */
    private void setHeldKeys(String entity, List<Map.Entry<RecordKey, Long>> keys) throws SQLException {
        if (keys.isEmpty()) {
            return;
        }
        String sql = "update crm_record set match_key = ? where id = ? and entity = ?";
        try (PreparedStatement update = connection.prepareStatement(sql)) {
            for (Map.Entry<RecordKey, Long> key : keys) {
                update.setString(1, key.getKey().value());
                update.setLong(2, key.getValue());
                update.setString(3, entity);
                update.addBatch();
            }
            requireAllWritten(keys.size(), Arrays.stream(update.executeBatch()).map(RecordStore::rowsOf).sum());
        }
    }

    private void addKeysFromArrays(String entity, Map<RecordKey, Long> keys) throws SQLException {
        String sql = "insert into crm_record_key (entity, rule_no, key_value, record_id)"
                + " select ?, v.rule_no, v.key_value, v.record_id from unnest(?, ?, ?)"
                + " as v(rule_no, key_value, record_id)";
        Set<Map.Entry<RecordKey, Long>> entries = keys.entrySet();
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            insert.setString(1, entity);
            insert.setArray(2, array("integer", entries, key -> key.getKey().rule(), Integer[]::new));
            insert.setArray(3, array("varchar", entries, key -> key.getKey().value(), String[]::new));
            insert.setArray(4, array("bigint", entries, Map.Entry::getValue, Long[]::new));
            insert.executeUpdate();
        }
    }

    private void addKeysInBatch(String entity, Map<RecordKey, Long> keys) throws SQLException {
        String sql = "insert into crm_record_key (entity, rule_no, key_value, record_id) values (?, ?, ?, ?)";
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            for (Map.Entry<RecordKey, Long> key : keys.entrySet()) {
                insert.setString(1, entity);
                insert.setInt(2, key.getKey().rule());
                insert.setString(3, key.getKey().value());
                insert.setLong(4, key.getValue());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** Frees match keys, whichever record holds them: a held key is cleared on its record, the others deleted. */
    public void removeKeys(String entity, Collection<RecordKey> keys) throws SQLException {
        if (keys.isEmpty()) {
            return;
        }
        String deleteRow = "delete from crm_record_key where entity = ? and rule_no = ? and key_value = ?";
        String clearHeld = "update crm_record set match_key = null where entity = ? and match_key = ?";
        try (PreparedStatement delete = connection.prepareStatement(deleteRow);
                PreparedStatement clear = connection.prepareStatement(clearHeld)) {
            for (RecordKey key : keys) {
                if (key.rule() == RECORD_HELD_RULE) {
                    clear.setString(1, entity);
                    clear.setString(2, key.value());
                    clear.addBatch();
                } else {
                    delete.setString(1, entity);
                    delete.setInt(2, key.rule());
                    delete.setString(3, key.value());
                    delete.addBatch();
                }
            }
            delete.executeBatch();
            clear.executeBatch();
        }
    }

    /** A page of an app's records in id order, starting after the given id. */
    public List<StoredRecord> page(String entity, long afterId, int size) throws SQLException {
        String sql = "select id, entity, created_at, updated_at, field_values from crm_record "
                + "where entity = ? and id > ? order by id limit ?";
        List<StoredRecord> records = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, entity);
            query.setLong(2, afterId);
            query.setInt(3, size);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    records.add(read(rows));
                }
            }
        }
        return records;
    }

    /** A page of an app's records by position in id order, for tables that page by number. */
    public List<StoredRecord> pageAt(String entity, int offset, int size) throws SQLException {
        String sql = "select id, entity, created_at, updated_at, field_values from crm_record "
                + "where entity = ? order by id limit ? offset ?";
        List<StoredRecord> records = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, entity);
            query.setInt(2, size);
            query.setInt(3, offset);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    records.add(read(rows));
                }
            }
        }
        return records;
    }

    public long count(String entity) throws SQLException {
        String sql = "select count(*) from crm_record where entity = ?";
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, entity);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static StoredRecord read(ResultSet rows) throws SQLException {
        return read(rows, 1);
    }

    /** A record from the five columns id, entity, created_at, updated_at, field_values, starting at the given one. */
    private static StoredRecord read(ResultSet rows, int first) throws SQLException {
        return new StoredRecord(rows.getLong(first), rows.getString(first + 1),
                rows.getTimestamp(first + 2).toInstant(), rows.getTimestamp(first + 3).toInstant(),
                RecordValues.decode(rows.getString(first + 4)));
    }

    private static String placeholders(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
    }

    private static <T> List<List<T>> slices(List<T> values) {
        return slices(values, IN_LIST_SIZE);
    }

    private static <T> List<List<T>> slices(List<T> values, int size) {
        List<List<T>> slices = new ArrayList<>();
        for (int start = 0; start < values.size(); start += size) {
            slices.add(values.subList(start, Math.min(values.size(), start + size)));
        }
        return slices;
    }
}
