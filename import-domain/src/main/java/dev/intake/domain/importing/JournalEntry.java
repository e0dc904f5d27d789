package dev.intake.domain.importing;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one chunk of an import did to one record, as undo needs it: whether the chunk created the record, or the
 * values the fields it changed had before (a null value: the field had none). {@code line} is the line of the
 * chunk's first row that touched the record; a record touched by several chunks has one entry each, and the
 * earliest holds its state before the import.
 */
public record JournalEntry(long recordId, int line, boolean created, Map<String, String> previousValues) {

    /**
     * Keeps a copy of the previous values, or the map itself when it is a {@link Previous} the caller built for
     * this entry alone; a created record's entry, which has none, shares the empty map.
     */
    public JournalEntry {
        previousValues = previousValues.isEmpty() ? Map.of() : Collections.unmodifiableMap(
                previousValues instanceof Previous ? previousValues : new LinkedHashMap<>(previousValues));
    }

    /**
     * Previous values built for one entry and handed to it, which keeps them without a copy: an import journals
     * every record it changes, and the copy showed in its profile. Whoever builds one must not touch it after.
     */
    static final class Previous extends LinkedHashMap<String, String> {
        private static final long serialVersionUID = 1L;

        Previous(int fields) {
            super(Math.max(4, fields * 2));
        }
    }

    /**
     * The record's state before the import, from all its entries in line order: created if the earliest entry
     * created it, else each field's value before the first entry that changed it.
     */
    static JournalEntry combine(Iterable<JournalEntry> inLineOrder) {
        JournalEntry first = null;
        Map<String, String> previous = new LinkedHashMap<>();
        for (JournalEntry entry : inLineOrder) {
            if (first == null) {
                first = entry;
            }
            entry.previousValues().forEach((field, value) -> {
                if (!previous.containsKey(field)) { // putIfAbsent would replace a null: "the field had no value"
                    previous.put(field, value);
                }
            });
        }
        if (first == null) {
            throw new IllegalArgumentException("A record's journal has at least one entry");
        }
        return new JournalEntry(first.recordId(), first.line(), first.created(), first.created() ? Map.of()
                : previous);
    }
}
