package dev.intake.domain.importing;

import dev.intake.domain.record.EncodedRecords;
import dev.intake.domain.record.RecordKey;
import dev.intake.domain.record.RecordStore;
import dev.intake.domain.record.Statements;
import dev.intake.domain.record.StoredRecord;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one planned chunk of an import writes: the records it creates and those it changes, with their values as
 * the chunk leaves them, the match keys it adds and frees, and the journal entries that let the import be undone.
 * The next chunk of the file can be planned on top of it while it is still being written ({@link
 * ChunkApplier#after}).
 *
 * @param keysOf the match keys of every written record as the chunk leaves it, by record id
 * @param readAt when each changed record was last written as the plan read it, by record id: its update must find
 *     it unchanged since, or another job's change in between would be lost
 * @param stored the records' values and the journal in the form they are stored, encoded when the writes are made
 *     (by the import's planning thread), so that the writing thread, which sets the pace of a large import, only
 *     sends them
 */
public record ChunkWrites(List<StoredRecord> inserts, List<StoredRecord> updates, Map<RecordKey, Long> addedKeys,
        List<RecordKey> removedKeys, List<JournalEntry> journal, Map<Long, Set<RecordKey>> keysOf,
        Map<Long, Instant> readAt, StoredForm stored) {

    /** A dry run's plan: nothing to write. */
    public static final ChunkWrites NOTHING = new ChunkWrites(List.of(), List.of(), Map.of(), List.of(), List.of(),
            Map.of(), Map.of());

    /** The writes, with their stored form encoded now. */
    public ChunkWrites(List<StoredRecord> inserts, List<StoredRecord> updates, Map<RecordKey, Long> addedKeys,
            List<RecordKey> removedKeys, List<JournalEntry> journal, Map<Long, Set<RecordKey>> keysOf,
            Map<Long, Instant> readAt) {
        this(inserts, updates, addedKeys, removedKeys, journal, keysOf, readAt, null);
    }

    /**
     * Wraps the lists and maps without copying them: the applier hands over collections it built for this plan
     * and never touches again, and a chunk's thousand entries are copied often enough already. Encodes the stored
     * form when none is given.
     */
    public ChunkWrites {
        inserts = Collections.unmodifiableList(inserts);
        updates = Collections.unmodifiableList(updates);
        addedKeys = Collections.unmodifiableMap(addedKeys);
        removedKeys = Collections.unmodifiableList(removedKeys);
        journal = Collections.unmodifiableList(journal);
        keysOf = Collections.unmodifiableMap(keysOf);
        readAt = Collections.unmodifiableMap(readAt);
        if (stored == null) {
            stored = new StoredForm(EncodedRecords.of(inserts), EncodedRecords.of(updates),
                    ImportJournal.rows(journal));
        }
    }

    /** The created and the changed records, as the chunk leaves them. */
    public List<StoredRecord> records() {
        List<StoredRecord> records = new ArrayList<>(inserts);
        records.addAll(updates);
        return records;
    }

    /**
     * Writes all of it on the store's connection, in the caller's transaction. Keys are freed first, so that a
     * record of the chunk may take a key another one gave up (even two records swapping theirs); a created record
     * is inserted with the key it holds itself ({@link RecordStore#RECORD_HELD_RULE}). {@code jobId} names the job
     * on the records and owns the journal; without one no journal is written.
     */
    public void writeTo(RecordStore store, String entity, String jobId) throws SQLException {
        Statements together = Statements.on(store.connection());
        writeTo(store, entity, jobId, together);
        together.send();
    }

    /**
     * {@link #writeTo(RecordStore, String, String)} leaving the changed and new records and the journal to the
     * statements the chunk sends together at its end ({@link Statements}); freed keys are written at once, before
     * any record takes them, and so are added keys that are not held by a new record.
     */
    public void writeTo(RecordStore store, String entity, String jobId, Statements later) throws SQLException {
        Set<Long> created = new HashSet<>();
        inserts.forEach(record -> created.add(record.id()));
        Map<Long, String> heldByCreated = new HashMap<>();
        Map<RecordKey, Long> otherKeys = new LinkedHashMap<>();
        addedKeys.forEach((key, id) -> {
            if (key.rule() == RecordStore.RECORD_HELD_RULE && created.contains(id)) {
                heldByCreated.put(id, key.value());
            } else {
                otherKeys.put(key, id);
            }
        });
        store.removeKeys(entity, removedKeys);
        store.update(stored.updates(), jobId, readAt, later);
        store.insert(stored.inserts(), jobId, heldByCreated, later);
        store.addKeys(entity, otherKeys);
        if (jobId != null) {
            new ImportJournal(store.connection()).add(jobId, stored.journal(), later);
        }
    }

    /** The created and changed records with their values encoded, and the journal's rows, as they are stored. */
    public record StoredForm(EncodedRecords inserts, EncodedRecords updates, ImportJournal.Rows journal) {
    }
}
