package dev.intake.domain.importing;

import dev.intake.domain.app.AppDefinition;
import dev.intake.domain.record.MatchKeys;
import dev.intake.domain.record.RecordKey;
import dev.intake.domain.record.RecordStore;
import dev.intake.domain.record.StoredRecord;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Undoes one batch of an import's journal on the store's connection (the caller owns the transaction): deletes
 * the records the import created and restores, field by field, the values the import changed, with the match keys
 * those values give.
 *
 * <p>A record is left alone and reported as a conflict when another job wrote it after the import (unless
 * {@code force}), when it no longer exists, or when a key its restored values give now belongs to another record
 * (even with {@code force}: keys stay unique). A key that another record of the same batch gives up is free.
 *
 * <p>An undo that follows earlier undos of the same import ({@link #after}) skips, without counting them, the
 * records those already restored or deleted, whoever wrote them since, and handles the rest, typically with
 * {@code force}.
 */
public final class UndoApplier {

    private final AppDefinition app;
    private final RecordStore store;
    private final MatchKeys matchKeys;
    private final String importId;
    private final String undoJobId;
    private final boolean force;
    private Set<Long> undoneEarlier = Set.of();

    public UndoApplier(AppDefinition app, RecordStore store, String importId, String undoJobId, boolean force) {
        this.app = app;
        this.store = store;
        this.matchKeys = new MatchKeys(app);
        this.importId = importId;
        this.undoJobId = undoJobId;
        this.force = force;
    }

    /** Follows earlier undos of the same import, which restored or deleted the given records of the batch. */
    public UndoApplier after(Set<Long> undoneEarlierInBatch) {
        this.undoneEarlier = Set.copyOf(undoneEarlierInBatch);
        return this;
    }

    /** Undoes the batch's records (each entry combined over the import's chunks) and writes the result. */
    public UndoOutcome apply(List<JournalEntry> entries, Instant now) throws SQLException {
        List<Long> ids = entries.stream().map(JournalEntry::recordId).toList();
        store.lockForChange(ids);
        Map<Long, StoredRecord> current = store.load(ids);
        Map<Long, String> changedBy = store.lastChangedBy(ids);
        Map<Long, Set<RecordKey>> storedKeys = store.storedKeys(ids);

        List<RowError> conflicts = new ArrayList<>();
        Set<Long> deletions = new HashSet<>();
        Map<Long, Restore> restores = new LinkedHashMap<>();
        for (JournalEntry entry : entries) {
            StoredRecord record = current.get(entry.recordId());
            if (undoneEarlier.contains(entry.recordId())) {
                continue;
            }
            RowError conflict = conflictOf(entry, record, changedBy.get(entry.recordId()));
            if (conflict != null) {
                conflicts.add(conflict);
            } else if (entry.created()) {
                deletions.add(entry.recordId());
            } else {
                restores.put(entry.recordId(), restore(entry, record,
                        storedKeys.getOrDefault(entry.recordId(), Set.of())));
            }
        }

        conflicts.addAll(dropRestoresWhoseKeysAreTaken(restores, deletions, storedKeys));
        write(deletions, restores, now);
        return new UndoOutcome(restores.size(), deletions.size(), conflicts);
    }

    private RowError conflictOf(JournalEntry entry, StoredRecord record, String lastWriter) {
        String at = "Record " + entry.recordId() + " (line " + entry.line() + " of the import)";
        if (record == null) {
            return conflict(entry, RowErrorCode.RECORD_GONE, at + " no longer exists; there is nothing to undo.");
        }
        if (!force && !importId.equals(lastWriter)) {
            return conflict(entry, RowErrorCode.CHANGED_SINCE_IMPORT, at + " was changed after this import by "
                    + (lastWriter == null ? "someone else" : "job " + lastWriter) + "; it was left as it is. Undo"
                    + " with force: true to revert it anyway.");
        }
        return null;
    }

    private static RowError conflict(JournalEntry entry, String code, String message) {
        return new RowError(entry.line(), null, Long.toString(entry.recordId()), code, message);
    }

    /** The record with the fields the import changed set back (a null previous value: the field had none). */
    private Restore restore(JournalEntry entry, StoredRecord record, Set<RecordKey> keysNow) {
        Map<String, String> values = new LinkedHashMap<>(record.values());
        entry.previousValues().forEach((field, previous) -> {
            if (previous == null) {
                values.remove(field);
            } else {
                values.put(field, previous);
            }
        });
        Set<RecordKey> keys = new HashSet<>(matchKeys.recordKeys(values));
        return new Restore(entry, record, values, keysNow, keys);
    }

    /**
     * Keeps keys unique: a restore whose key is held by a record outside the batch (or one that keeps it), or
     * wanted by an earlier restore of the batch, becomes a conflict. Dropping a restore keeps its keys where they
     * are, which can take a key from another restore, so this repeats until nothing changes.
     */
    private List<RowError> dropRestoresWhoseKeysAreTaken(Map<Long, Restore> restores, Set<Long> deletions,
            Map<Long, Set<RecordKey>> storedKeys) throws SQLException {
        Set<RecordKey> wanted = new HashSet<>();
        restores.values().forEach(restore -> wanted.addAll(restore.keys));
        Map<RecordKey, Long> holders = store.findByKeys(app.entity(), wanted);
        List<RowError> conflicts = new ArrayList<>();
        boolean changed = true;
        while (changed) {
            changed = false;
            Map<RecordKey, Long> claimed = new HashMap<>();
            for (Restore restore : List.copyOf(restores.values())) {
                RecordKey taken = takenKey(restore, holders, claimed, restores, deletions);
                if (taken != null) {
                    restores.remove(restore.entry.recordId());
                    conflicts.add(conflict(restore.entry, RowErrorCode.KEY_TAKEN, "Record "
                            + restore.entry.recordId() + " (line " + restore.entry.line() + " of the import) cannot"
                            + " get its previous values back: its match key '" + taken.value() + "' now belongs to"
                            + " record " + holderOf(taken, holders, claimed) + ". It was left as it is."));
                    changed = true;
                    break;
                }
                restore.keys.forEach(key -> claimed.put(key, restore.entry.recordId()));
            }
        }
        return conflicts;
    }

    private static RecordKey takenKey(Restore restore, Map<RecordKey, Long> holders, Map<RecordKey, Long> claimed,
            Map<Long, Restore> restores, Set<Long> deletions) {
        long id = restore.entry.recordId();
        for (RecordKey key : restore.keys) {
            Long claimant = claimed.get(key);
            if (claimant != null && claimant != id) {
                return key;
            }
            Long holder = holders.get(key);
            if (holder == null || holder == id || deletions.contains(holder)) {
                continue;
            }
            Restore holderRestore = restores.get(holder);
            if (holderRestore == null || holderRestore.keys.contains(key)) {
                return key;
            }
        }
        return null;
    }

    private static long holderOf(RecordKey key, Map<RecordKey, Long> holders, Map<RecordKey, Long> claimed) {
        return claimed.getOrDefault(key, holders.get(key));
    }

    // Known shortcomings (README): keys come from the app's match rules as they are now, not as they were; two
    // records that swapped keys get them back only when both are in the same batch; deleting a created record
    // leaves REFERENCE values of other records that name it pointing at nothing.
    private void write(Set<Long> deletions, Map<Long, Restore> restores, Instant now) throws SQLException {
        store.delete(deletions);
        List<RecordKey> removedKeys = new ArrayList<>();
        Map<RecordKey, Long> addedKeys = new LinkedHashMap<>();
        List<StoredRecord> updates = new ArrayList<>();
        for (Restore restore : restores.values()) {
            long id = restore.entry.recordId();
            restore.keysNow.stream().filter(key -> !restore.keys.contains(key)).forEach(removedKeys::add);
            restore.keys.stream().filter(key -> !restore.keysNow.contains(key)).forEach(key -> addedKeys.put(key, id));
            updates.add(new StoredRecord(id, app.entity(), restore.record.createdAt(), now, restore.values));
        }
        store.removeKeys(app.entity(), removedKeys);
        store.addKeys(app.entity(), addedKeys);
        store.update(updates, undoJobId, Map.of());
    }

    /** A record to restore: its journal entry, as it is now, the values and keys it gets back. */
    private record Restore(JournalEntry entry, StoredRecord record, Map<String, String> values,
            Set<RecordKey> keysNow, Set<RecordKey> keys) {
    }
}
