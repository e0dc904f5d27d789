package dev.intake.domain.importing;

import dev.intake.domain.app.AppDefinition;
import dev.intake.domain.app.FieldDefinition;
import dev.intake.domain.app.FieldType;
import dev.intake.domain.app.MatchRule;
import dev.intake.domain.record.MatchKeys;
import dev.intake.domain.record.RecordKey;
import dev.intake.domain.record.RecordStore;
import dev.intake.domain.record.StoredRecord;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Applies one chunk of converted rows to an app's records, in file order, with the app's match rules: the first
 * rule whose fields all have values in a row decides; no record found creates one, one found updates it. A later
 * row of the chunk sees what an earlier one created or changed. An empty cell leaves a stored value unchanged.
 *
 * <p>A row fails alone, before it changes anything, when it would create a record without a required value,
 * when its keys point at two different records, or when a reference names no record. A row that matches a record
 * and leaves all its values as they were is an unchanged update: the record is not written.
 *
 * <p>The applier only reads: {@link #plan} answers every row's outcome and the chunk's {@link ChunkWrites}, which
 * the caller writes in a transaction of its own, naming the job on every record and journalling what changed so
 * that the import can be undone. For a dry run ({@link #dryRun}) nothing is to be written: one applier then lives
 * across all chunks of the file, and what earlier chunks would have created or changed stays in its memory, so
 * that later rows see it exactly as a real import's rows would.
 */
public final class ChunkApplier {

    private final AppDefinition app;
    private final List<FieldDefinition> requiredFields;
    private final List<FieldDefinition> referenceFields;
    private final MatchKeys matchKeys;
    private RecordStore store;
    private final Function<String, String> columnOfField;
    private final Function<String, Optional<AppDefinition>> apps;

    /**
     * Room for the keys and records of a chunk of the default size without growing: an applier lives for one
     * chunk, and a map growing from its default size copies itself eight times on the way to a thousand entries.
     */
    private static final int CHUNK_CAPACITY = 4096;

    private final Map<RecordKey, Long> keyIndex = new HashMap<>(CHUNK_CAPACITY);
    private final Set<RecordKey> lookedUp = new HashSet<>(CHUNK_CAPACITY);
    private final Map<Long, WorkingRecord> working = new LinkedHashMap<>(CHUNK_CAPACITY);
    private final Map<String, Set<String>> knownReferences = new HashMap<>();

    private boolean dryRun;
    private long nextDryRunId = -1;

    /**
     * @param columnOfField the CSV header a field was read from, for error messages
     * @param apps the app catalogue, to check references against the apps they point to
     */
    public ChunkApplier(AppDefinition app, RecordStore store, Function<String, String> columnOfField,
            Function<String, Optional<AppDefinition>> apps) {
        this.app = app;
        this.requiredFields = app.fields().stream().filter(FieldDefinition::required).toList();
        this.referenceFields = app.fields().stream().filter(field -> field.type() == FieldType.REFERENCE).toList();
        this.matchKeys = new MatchKeys(app);
        this.store = store;
        this.columnOfField = columnOfField;
        this.apps = apps;
    }

    /** Writes nothing: answers what the rows would do. Keep the applier for all chunks of the file. */
    public ChunkApplier dryRun() {
        this.dryRun = true;
        return this;
    }

    /** Reads through another store from now on, as a dry run's next chunk runs on another connection. */
    public ChunkApplier on(RecordStore recordStore) {
        this.store = recordStore;
        return this;
    }

    /**
     * Decides, in file order, what every row does and what the chunk must write, reading the database but writing
     * nothing to it: the caller writes the plan's {@link ChunkWrites} in a transaction of its own.
     */
    public ChunkPlan plan(List<ImportRow> rows, Instant now) throws SQLException {
        List<List<RecordKey>> keysOfRows = rows.stream()
                .map(row -> row.keys() != null ? row.keys() : matchKeys.recordKeys(row.values())).toList();
        Set<RecordKey> chunkKeys = new HashSet<>(rows.size() * 2);
        keysOfRows.forEach(chunkKeys::addAll);
        preloadMatchedRecords(chunkKeys, lookUpWithRecords(chunkKeys));
        lookUpReferences(rows);

        List<RowError> errors = new ArrayList<>();
        List<RowOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            List<RowError> rowErrors = new ArrayList<>();
            RowOutcome outcome = applyRow(rows.get(i), keysOfRows.get(i), now, rowErrors);
            errors.addAll(rowErrors);
            outcomes.add(outcome);
        }
        if (dryRun) {
            forgetUnchangedRecords();
            return new ChunkPlan(ChunkOutcome.of(outcomes, errors), ChunkWrites.NOTHING);
        }
        return new ChunkPlan(ChunkOutcome.of(outcomes, errors), writes());
    }

    /**
     * Plans on top of a chunk that is still being written: its records, with the values and keys it gives them,
     * and the keys it frees, stand in for what the database answers until that chunk commits. The chunks must
     * be written in order, that chunk first.
     */
    public ChunkApplier after(ChunkWrites pending) {
        for (StoredRecord stored : pending.records()) {
            Set<RecordKey> keys = pending.keysOf().getOrDefault(stored.id(), Set.of());
            working.put(stored.id(), new WorkingRecord(stored, keys, false));
            keys.forEach(key -> keyIndex.put(key, stored.id()));
            lookedUp.addAll(keys);
        }
        lookedUp.addAll(pending.removedKeys());
        return this;
    }

    /** What the row did: added, updated or unchanged with its record, or failed with its errors. */
    private RowOutcome applyRow(ImportRow row, List<RecordKey> rowKeys, Instant now, List<RowError> errors)
            throws SQLException {
        if (checkKeyLengths(row, rowKeys, errors)) {
            return new RowOutcome(row.line(), RowOutcome.Kind.FAILED, null);
        }
        Long target = matchRecord(rowKeys);
        checkKeyConflicts(row, rowKeys, target, errors);
        checkReferences(row, errors);
        if (target == null) {
            checkRequiredValues(row, errors);
        }
        if (!errors.isEmpty()) {
            return new RowOutcome(row.line(), RowOutcome.Kind.FAILED, null);
        }

        WorkingRecord record = target == null ? create(now) : workingCopy(target);
        Map<String, String> merged = merge(record.values, row.values());
        if (target != null && merged == record.values) {
            return new RowOutcome(row.line(), RowOutcome.Kind.UNCHANGED, target < 0 ? null : target);
        }
        if (!reindex(record, merged, row, rowKeys, errors)) {
            return new RowOutcome(row.line(), RowOutcome.Kind.FAILED, null);
        }
        record.values = merged;
        record.changes++;
        record.changedAt = now;
        if (record.firstLine == 0) {
            record.firstLine = row.line();
        }
        return new RowOutcome(row.line(), target == null ? RowOutcome.Kind.ADDED : RowOutcome.Kind.UPDATED,
                record.id < 0 ? null : record.id);
    }

    /**
     * The record's values with the row's laid over them; the record's own map when the row changes none, the
     * row's own (immutable) map when the row gives every field the record has, as a new record's first row and
     * most updates do. Otherwise the merged map is built immutable at once, so that the record written from it
     * need not copy it again.
     */
    private static Map<String, String> merge(Map<String, String> stored, Map<String, String> row) {
        for (Map.Entry<String, String> cell : row.entrySet()) {
            if (!cell.getValue().equals(stored.get(cell.getKey()))) {
                return row.keySet().containsAll(stored.keySet()) ? row : laidOver(stored, row);
            }
        }
        return stored;
    }

    private static Map<String, String> laidOver(Map<String, String> stored, Map<String, String> row) {
        List<Map.Entry<String, String>> cells = new ArrayList<>(stored.size() + row.size());
        for (Map.Entry<String, String> cell : stored.entrySet()) {
            if (!row.containsKey(cell.getKey())) {
                cells.add(cell);
            }
        }
        cells.addAll(row.entrySet());
        return immutableMap(cells);
    }

    @SuppressWarnings({"unchecked", "rawtypes"}) // no array of a generic type can be made; the list holds only these
    private static Map<String, String> immutableMap(List<Map.Entry<String, String>> cells) {
        return Map.ofEntries(cells.toArray(new Map.Entry[0]));
    }

    /** The record the row's decisive rule finds: the first rule with all its values, as the keys are ordered. */
    private Long matchRecord(List<RecordKey> rowKeys) {
        return rowKeys.isEmpty() ? null : keyIndex.get(rowKeys.get(0));
    }

    /** Whether a key is longer than a record can hold; adds the error saying which. */
    private boolean checkKeyLengths(ImportRow row, Collection<RecordKey> keys, List<RowError> errors) {
        for (RecordKey key : keys) {
            int bytes = utf8Length(key.value());
            if (bytes > RecordStore.MAX_KEY_BYTES) {
                String columns = String.join(", ", matchKeys.rules().get(key.rule()).fields().stream()
                        .map(this::columnOrStoredField).toList());
                errors.add(new RowError(row.line(), columns, key.value().substring(0, 40) + "...",
                        RowErrorCode.KEY_TOO_LONG, "The match key made of " + columns + " takes " + bytes
                                + " bytes; a key can take at most " + RecordStore.MAX_KEY_BYTES + " (as many"
                                + " characters of plain ASCII, fewer of accented or non-Latin text). Shorten the"
                                + " value."));
                return true;
            }
        }
        return false;
    }

    /** Bytes of the text in UTF-8, counted only when it may be too long: no character takes more than three. */
    private static int utf8Length(String text) {
        return text.length() * 3 <= RecordStore.MAX_KEY_BYTES ? text.length()
                : text.getBytes(StandardCharsets.UTF_8).length;
    }

    /** The column a field was read from, or for a field the file does not have, its name marked as stored. */
    private String columnOrStoredField(String field) {
        String column = columnOfField.apply(field);
        return column != null ? column : field + " (stored)";
    }

    private void checkKeyConflicts(ImportRow row, List<RecordKey> rowKeys, Long target, List<RowError> errors) {
        for (RecordKey key : rowKeys) {
            Long holder = keyIndex.get(key);
            if (holder != null && !holder.equals(target)) {
                errors.add(ambiguity(row, matchKeys.rules().get(key.rule()), holder, target));
                return;
            }
        }
    }

    private RowError ambiguity(ImportRow row, MatchRule rule, long holder, Long target) {
        String columns = String.join(", ", rule.fields().stream().map(columnOfField).toList());
        String found = target == null ? "while the row's first match rule finds no record"
                : "while the row's first match rule finds record " + target;
        String value = String.join(", ", rule.fields().stream().map(row.values()::get).toList());
        return new RowError(row.line(), columns, value, RowErrorCode.AMBIGUOUS_MATCH,
                "The value of " + columns + " belongs to record " + holder + " " + found
                        + ": the row matches two different records. Correct the keys so that they name one record.");
    }

    private void checkRequiredValues(ImportRow row, List<RowError> errors) {
        for (FieldDefinition field : requiredFields) {
            if (!row.values().containsKey(field.name())) {
                errors.add(new RowError(row.line(), columnOfField.apply(field.name()), null,
                        RowErrorCode.REQUIRED_VALUE_MISSING, "'" + field.label()
                                + "' is required for a new record, and this row leaves it empty."));
            }
        }
    }

    private void checkReferences(ImportRow row, List<RowError> errors) {
        for (FieldDefinition field : referenceFields) {
            String value = row.values().get(field.name());
            if (value != null && !referenceExists(field.reference(), MatchKeys.foldForMatching(value))) {
                errors.add(new RowError(row.line(), columnOfField.apply(field.name()), value,
                        RowErrorCode.REFERENCE_NOT_FOUND, "No " + field.reference() + " record matches '" + value
                                + "'. Import the " + field.reference() + " first, or correct the value."));
            }
        }
    }

    /**
     * Whether a record of the app holds the key: for another app, one stored before the chunk; for the app being
     * imported, one that holds it after the earlier rows of the file, so that the outcome does not depend on where
     * the file is cut into chunks.
     */
    private boolean referenceExists(String entity, String key) {
        if (app.entity().equals(entity)) {
            return matchKeys.rules().stream().anyMatch(rule -> keyIndex.containsKey(new RecordKey(rule.index(), key)));
        }
        return knownReferences.getOrDefault(entity, Set.of()).contains(key);
    }

    /** A new record; a dry run numbers its would-be records below zero and draws nothing from the sequence. */
    private WorkingRecord create(Instant now) throws SQLException {
        long id = dryRun ? nextDryRunId-- : store.newId();
        WorkingRecord record = new WorkingRecord(new StoredRecord(id, app.entity(), now, now, Map.of()), Set.of(),
                true);
        working.put(record.id, record);
        return record;
    }

    private WorkingRecord workingCopy(long id) throws SQLException {
        WorkingRecord record = working.get(id);
        if (record != null) {
            return record;
        }
        return remember(store.load(List.of(id)).get(id));
    }

    /**
     * Moves the record's keys to those of its merged values, unless no match field changed; refuses when a new key
     * belongs to another record. Merged values that are the row's own have the row's keys, checked and looked up
     * already: a new record's first row, most often.
     */
    private boolean reindex(WorkingRecord record, Map<String, String> merged, ImportRow row, List<RecordKey> rowKeys,
            List<RowError> errors) throws SQLException {
        if (matchKeys.sameMatchValues(record.values, merged)) {
            return true;
        }
        boolean keysOfRow = merged == row.values();
        Set<RecordKey> newKeys = new HashSet<>(keysOfRow ? rowKeys : matchKeys.recordKeys(merged));
        if (!keysOfRow && checkKeyLengths(row, newKeys, errors)) {
            discardIfNeverWritten(record);
            return false;
        }
        lookUp(newKeys);
        for (RecordKey key : newKeys) {
            Long holder = keyIndex.get(key);
            if (holder != null && holder != record.id) {
                errors.add(ambiguity(row, matchKeys.rules().get(key.rule()), holder, record.id));
                discardIfNeverWritten(record);
                return false;
            }
        }
        record.currentKeys.forEach(key -> keyIndex.remove(key, record.id));
        lookedUp.addAll(record.currentKeys);
        newKeys.forEach(key -> keyIndex.put(key, record.id));
        record.currentKeys = newKeys;
        return true;
    }

    /** Forgets a record created for a row that then failed, before any row gave it a value. */
    private void discardIfNeverWritten(WorkingRecord record) {
        if (record.isNew && record.values.isEmpty()) {
            working.remove(record.id);
        }
    }

    /**
     * Takes into memory the stored records that the chunk's keys find and that are not there yet: those its key
     * lookup read with the keys, the others (a dry run's, whose keys earlier chunks looked up) in one query. A
     * record deleted between the key lookup and the load (an undo committing meanwhile) is forgotten with its
     * keys: the rows that named it create it anew.
     */
    private void preloadMatchedRecords(Set<RecordKey> chunkKeys, Map<Long, StoredRecord> read) throws SQLException {
        Set<Long> ids = new HashSet<>();
        for (RecordKey key : chunkKeys) {
            Long id = keyIndex.get(key);
            if (id != null && id >= 0 && !working.containsKey(id)) {
                ids.add(id);
            }
        }
        Map<Long, StoredRecord> loaded = new HashMap<>();
        List<Long> unread = new ArrayList<>();
        for (Long id : ids) {
            StoredRecord record = read.get(id);
            if (record == null) {
                unread.add(id);
            } else {
                loaded.put(id, record);
            }
        }
        loaded.putAll(store.load(unread));
        loaded.values().forEach(this::remember);
        ids.removeAll(loaded.keySet());
        if (!ids.isEmpty()) {
            keyIndex.values().removeIf(ids::contains);
        }
    }

    /**
     * After a dry run's chunk, only what it would have created or changed must stay in memory: records it merely
     * read are read again from the database when a later row needs them. Their keys stay known.
     */
    // Known shortcoming: what a dry run would create or change, and every key it looked up, stays in memory until
    // the file ends, so a dry run of millions of new records needs a larger heap than the real import (README).
    private void forgetUnchangedRecords() {
        working.values().removeIf(record -> record.changedAt == null);
    }

    private WorkingRecord remember(StoredRecord stored) {
        Set<RecordKey> keys = new HashSet<>(matchKeys.recordKeys(stored.values()));
        WorkingRecord record = new WorkingRecord(stored, keys, false);
        working.put(stored.id(), record);
        return record;
    }

    /** Looks the keys up like {@link #lookUp}, reading the records they find with them; answers those by id. */
    private Map<Long, StoredRecord> lookUpWithRecords(Set<RecordKey> keys) throws SQLException {
        Set<RecordKey> missing = notLookedUp(keys);
        if (missing.isEmpty()) {
            return Map.of();
        }
        Map<RecordKey, StoredRecord> found = store.findRecordsByKeys(app.entity(), missing);
        Map<Long, StoredRecord> records = new HashMap<>();
        found.forEach((key, record) -> {
            keyIndex.putIfAbsent(key, record.id());
            records.put(record.id(), record);
        });
        lookedUp.addAll(missing);
        return records;
    }

    private void lookUp(Set<RecordKey> keys) throws SQLException {
        Set<RecordKey> missing = notLookedUp(keys);
        if (missing.isEmpty()) {
            return;
        }
        Map<RecordKey, Long> found = store.findByKeys(app.entity(), missing);
        found.forEach(keyIndex::putIfAbsent);
        lookedUp.addAll(missing);
    }

    private Set<RecordKey> notLookedUp(Set<RecordKey> keys) {
        Set<RecordKey> missing = new HashSet<>();
        for (RecordKey key : keys) {
            if (!lookedUp.contains(key)) {
                missing.add(key);
            }
        }
        return missing;
    }

    /**
     * Learns which referenced keys exist before the rows are applied. A reference to another app asks the
     * database; a reference to the app being imported looks its keys up like match keys, so that the rows then
     * see them as the file leaves them: created, moved or freed by an earlier row, or by the chunk still being
     * written.
     */
    private void lookUpReferences(List<ImportRow> rows) throws SQLException {
        for (FieldDefinition field : referenceFields) {
            if (field.reference() == null) {
                continue;
            }
            Set<String> values = new HashSet<>();
            rows.forEach(row -> Optional.ofNullable(row.values().get(field.name()))
                    .ifPresent(value -> values.add(MatchKeys.foldForMatching(value))));
            if (values.isEmpty()) { // a file without the column: no need to read the referenced app's definition
                continue;
            }
            Optional<AppDefinition> referenced = apps.apply(field.reference());
            if (referenced.isEmpty()) {
                continue;
            }
            if (app.entity().equals(field.reference())) {
                lookUp(underEveryRule(values));
            } else {
                knownReferences.computeIfAbsent(field.reference(), entity -> new HashSet<>())
                        .addAll(store.existingKeyValues(referenced.get(), values));
            }
        }
    }

    private Set<RecordKey> underEveryRule(Set<String> values) {
        Set<RecordKey> keys = new HashSet<>();
        matchKeys.rules().forEach(rule -> values.forEach(value -> keys.add(new RecordKey(rule.index(), value))));
        return keys;
    }

    /**
     * What the chunk must write: the records it created or changed, their key moves and their journal. A record
     * whose rows changed values and then changed them back is not written.
     */
    private ChunkWrites writes() {
        List<StoredRecord> inserts = new ArrayList<>();
        List<StoredRecord> updates = new ArrayList<>();
        int room = working.size() * 2; // a map's default room grows, copying itself, on the way to a chunk's size
        Map<RecordKey, Long> addedKeys = new LinkedHashMap<>(room);
        List<RecordKey> removedKeys = new ArrayList<>();
        List<JournalEntry> journal = new ArrayList<>(working.size());
        Map<Long, Set<RecordKey>> keysOf = new HashMap<>(room);
        Map<Long, Instant> readAt = new HashMap<>(room);
        for (WorkingRecord record : working.values()) {
            if (record.changedAt == null || record.changedBack()) {
                continue;
            }
            StoredRecord stored = new StoredRecord(record.id, app.entity(), record.createdAt, record.changedAt,
                    record.values);
            (record.isNew ? inserts : updates).add(stored);
            if (!record.isNew) {
                readAt.put(record.id, record.readAt);
            }
            journal.add(record.journalEntry());
            keysOf.put(record.id, record.currentKeys);
            for (RecordKey key : record.currentKeys) {
                if (!record.storedKeys.contains(key)) {
                    addedKeys.put(key, record.id);
                }
            }
            for (RecordKey key : record.storedKeys) {
                if (!record.currentKeys.contains(key)) {
                    removedKeys.add(key);
                }
            }
        }
        return new ChunkWrites(inserts, updates, addedKeys, removedKeys, journal, keysOf, readAt);
    }

    /**
     * A record as the chunk sees it: loaded or new, with the values and keys it had in the database and has now,
     * and the first line that changed it.
     */
    private static final class WorkingRecord {
        final long id;
        final Instant createdAt;
        /** When the record was last written as the plan read it: its update must find it unchanged since. */
        final Instant readAt;
        final Map<String, String> storedValues;
        final Set<RecordKey> storedKeys;
        final boolean isNew;
        Map<String, String> values;
        Set<RecordKey> currentKeys;
        Instant changedAt;
        int firstLine;
        int changes;

        WorkingRecord(StoredRecord stored, Set<RecordKey> storedKeys, boolean isNew) {
            this.id = stored.id();
            this.createdAt = stored.createdAt();
            this.readAt = stored.updatedAt();
            this.storedValues = stored.values();
            this.values = stored.values();
            this.storedKeys = storedKeys;
            this.currentKeys = storedKeys;
            this.isNew = isNew;
        }

        /**
         * Whether rows changed the stored record and then changed it back. One change always leaves it different:
         * a row that changes nothing is not counted.
         */
        boolean changedBack() {
            return !isNew && changes > 1 && values.equals(storedValues);
        }

        /**
         * Created, or the stored values of only the fields that changed (null: the field had no value). Fields the
         * record did not have are only looked for when its values hold more fields than the stored ones did.
         */
        JournalEntry journalEntry() {
            if (isNew) {
                return new JournalEntry(id, firstLine, true, Map.of());
            }
            JournalEntry.Previous previous = new JournalEntry.Previous(values.size());
            int kept = 0;
            for (Map.Entry<String, String> stored : storedValues.entrySet()) {
                String now = values.get(stored.getKey());
                if (now != null) {
                    kept++;
                }
                if (!stored.getValue().equals(now)) {
                    previous.put(stored.getKey(), stored.getValue());
                }
            }
            if (kept < values.size()) {
                for (String field : values.keySet()) {
                    if (!storedValues.containsKey(field)) {
                        previous.put(field, null);
                    }
                }
            }
            return new JournalEntry(id, firstLine, false, previous);
        }
    }
}
