package dev.intake.domain.importing;

import java.util.ArrayList;
import java.util.List;

/**
 * The stored form of the records one chunk of an import changed within one block of record ids (V15): one line
 * per record, "id:line:" (the line of the first row that touched the record) followed by the previous values of the
 * fields the chunk changed as a flat JSON object (null for "had no value"), lines in the order given (ascending ids
 * when the journal writes them). A JSON object never
 * holds a raw line break (strings escape it), so a line break always ends a record. Plain text, so that H2 and
 * PostgreSQL store it alike and a person reading the table can make sense of it.
 */
final class ChangedRecords {

    private ChangedRecords() {
    }

    static String encode(List<JournalEntry> changed) {
        StringBuilder text = new StringBuilder(changed.size() * 64);
        for (JournalEntry entry : changed) {
            if (entry.created()) {
                throw new IllegalArgumentException("Record " + entry.recordId() + " was created by the chunk");
            }
            if (!text.isEmpty()) {
                text.append('\n');
            }
            text.append(entry.recordId()).append(':').append(entry.line()).append(':');
            ImportJournal.encode(entry.previousValues(), text);
        }
        return text.toString();
    }

    static List<JournalEntry> decode(String text) {
        List<JournalEntry> changed = new ArrayList<>();
        int at = 0;
        while (at < text.length()) {
            int end = text.indexOf('\n', at);
            end = end < 0 ? text.length() : end;
            int idEnd = text.indexOf(':', at);
            int lineEnd = idEnd < 0 ? -1 : text.indexOf(':', idEnd + 1);
            if (idEnd < 0 || lineEnd < 0 || lineEnd >= end) {
                throw notAList(text, at);
            }
            changed.add(new JournalEntry(number(text, at, idEnd), (int) number(text, idEnd + 1, lineEnd), false,
                    ImportJournal.decode(text.substring(lineEnd + 1, end))));
            at = end + 1;
        }
        return changed;
    }

    private static long number(String text, int from, int to) {
        try {
            return Long.parseLong(text, from, to, 10);
        } catch (NumberFormatException notANumber) {
            throw notAList(text, from);
        }
    }

    private static IllegalStateException notAList(String text, int at) {
        return new IllegalStateException("A changed-records journal row is not a list of id:line:values lines at"
                + " character " + at + ": " + text);
    }
}
