package dev.intake.domain.record;

import java.time.Instant;
import java.util.Map;

/**
 * A record of an app as stored: its id, its timestamps and its values by field name in canonical text. A field
 * without a value is absent from {@code values}.
 */
public record StoredRecord(long id, String entity, Instant createdAt, Instant updatedAt, Map<String, String> values) {

    public StoredRecord {
        values = Map.copyOf(values);
    }
}
