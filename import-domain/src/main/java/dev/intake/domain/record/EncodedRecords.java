package dev.intake.domain.record;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Records to write together with their values in the form they are stored ({@link RecordValues#encode}), position
 * by position. An import encodes a chunk's records while it plans the chunk, so that the thread that writes the
 * chunk before, which sets the pace of a large import, only has to send them.
 */
public record EncodedRecords(List<StoredRecord> records, List<String> values) {

    public EncodedRecords {
        if (records.size() != values.size()) {
            throw new IllegalArgumentException(records.size() + " records but " + values.size() + " encoded values");
        }
        records = Collections.unmodifiableList(records);
        values = Collections.unmodifiableList(values);
    }

    /** The records with their values encoded now. */
    public static EncodedRecords of(List<StoredRecord> records) {
        List<String> values = new ArrayList<>(records.size());
        records.forEach(record -> values.add(RecordValues.encode(record.values())));
        return new EncodedRecords(records, values);
    }

    public boolean isEmpty() {
        return records.isEmpty();
    }

    public int size() {
        return records.size();
    }

    /** The stored form of the values of the record at the position. */
    public String valuesAt(int position) {
        return values.get(position);
    }
}
