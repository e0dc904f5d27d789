package dev.intake.domain.importing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What undo restores a record to, from the entries of the chunks that changed it. */
class JournalEntryTest {

    @Test
    void aFieldEmptyBeforeTheImportStaysEmptyWhenALaterChunkChangedItAgain() {
        JournalEntry first = new JournalEntry(7, 2, false, previous("note", null, "city", "Rome"));
        JournalEntry second = new JournalEntry(7, 5, false, previous("note", "n1", "city", "Oslo"));

        JournalEntry combined = JournalEntry.combine(List.of(first, second));

        assertEquals(previous("note", null, "city", "Rome"), combined.previousValues());
        assertEquals(2, combined.line());
    }

    @Test
    void eachFieldTakesItsValueFromTheFirstChunkThatChangedIt() {
        JournalEntry first = new JournalEntry(7, 2, false, previous("city", "Rome", "phone", null));
        JournalEntry second = new JournalEntry(7, 5, false, previous("city", "Oslo", "note", "before"));
        JournalEntry third = new JournalEntry(7, 9, false, previous("phone", "555 0100", "note", "between"));

        JournalEntry combined = JournalEntry.combine(List.of(first, second, third));

        assertEquals(previous("city", "Rome", "phone", null, "note", "before"), combined.previousValues());
    }

    @Test
    void aRecordTheImportCreatedStaysCreatedWhateverLaterChunksChanged() {
        JournalEntry created = new JournalEntry(7, 2, true, Map.of());
        JournalEntry changed = new JournalEntry(7, 5, false, previous("city", "Rome"));

        JournalEntry combined = JournalEntry.combine(List.of(created, changed));

        assertTrue(combined.created());
        assertEquals(Map.of(), combined.previousValues());
    }

    /** Field and previous value pairs, in order; null values allowed. */
    private static Map<String, String> previous(String... fieldsAndValues) {
        Map<String, String> previous = new LinkedHashMap<>();
        for (int i = 0; i < fieldsAndValues.length; i += 2) {
            previous.put(fieldsAndValues[i], fieldsAndValues[i + 1]);
        }
        return previous;
    }
}
