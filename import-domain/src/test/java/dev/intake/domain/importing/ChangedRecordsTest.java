package dev.intake.domain.importing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The stored text of a row of changed records reads back as the entries written, whatever the values hold. */
class ChangedRecordsTest {

    @Test
    void entriesReadBackWithValuesThatNeedEscapingAndFieldsThatHadNone() {
        Map<String, String> awkward = new LinkedHashMap<>();
        awkward.put("notes", "two\nlines, a \"quote\" and 12:30");
        awkward.put("phone", null);
        List<JournalEntry> entries = List.of(new JournalEntry(7, 1001, false, awkward),
                new JournalEntry(1_999_999_999_999L, 1450, false, Map.of("city", "Zürich")));

        String text = ChangedRecords.encode(entries);

        assertEquals("7:1001:{\"notes\":\"two\\nlines, a \\\"quote\\\" and 12:30\",\"phone\":null}\n"
                + "1999999999999:1450:{\"city\":\"Zürich\"}", text);
        assertEquals(entries, ChangedRecords.decode(text));
    }

    @Test
    void aCreatedRecordIsRefusedAndABrokenRowNamesWhereItBreaks() {
        JournalEntry created = new JournalEntry(3, 2, true, Map.of());
        assertThrows(IllegalArgumentException.class, () -> ChangedRecords.encode(List.of(created)));

        IllegalStateException broken = assertThrows(IllegalStateException.class,
                () -> ChangedRecords.decode("7:2:{\"a\":\"b\"}\n8:2:[\"c\"]"));

        IllegalStateException noId = assertThrows(IllegalStateException.class,
                () -> ChangedRecords.decode("7:2:{\"a\":\"b\"}\n8{\"a\":\"c\"}"));

        assertEquals("A journal entry is not a flat JSON object: [\"c\"]", broken.getMessage());
        assertEquals("A changed-records journal row is not a list of id:line:values lines at character 14:"
                + " 7:2:{\"a\":\"b\"}\n8{\"a\":\"c\"}", noId.getMessage());
    }
}
