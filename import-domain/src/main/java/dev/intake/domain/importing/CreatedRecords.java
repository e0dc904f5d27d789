package dev.intake.domain.importing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The stored form of the records one chunk of an import created (V13): "id:line" pairs, separated by commas, in
 * the order given (ascending ids when the journal writes them). Plain text, so that H2 and PostgreSQL store it
 * alike and a person reading the table can make sense of it.
 */
final class CreatedRecords {

    private CreatedRecords() {
    }

    static String encode(List<JournalEntry> created) {
        StringBuilder text = new StringBuilder(created.size() * 14);
        for (JournalEntry entry : created) {
            if (!entry.created()) {
                throw new IllegalArgumentException("Record " + entry.recordId() + " was not created by the chunk");
            }
            if (!text.isEmpty()) {
                text.append(',');
            }
            text.append(entry.recordId()).append(':').append(entry.line());
        }
        return text.toString();
    }

    static List<JournalEntry> decode(String text) {
        List<JournalEntry> created = new ArrayList<>();
        int at = 0;
        while (at < text.length()) {
            int colon = text.indexOf(':', at);
            int comma = text.indexOf(',', at);
            int end = comma < 0 ? text.length() : comma;
            if (colon < 0 || colon > end) {
                throw new IllegalStateException("A created-records journal row is not a list of id:line pairs at "
                        + "character " + at + ": " + text);
            }
            created.add(new JournalEntry(Long.parseLong(text, at, colon, 10),
                    Integer.parseInt(text, colon + 1, end, 10), true, Map.of()));
            at = end + 1;
        }
        return created;
    }
}
