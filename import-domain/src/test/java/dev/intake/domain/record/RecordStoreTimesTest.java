package dev.intake.domain.record;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/**
 * The times that PostgreSQL statements receive as microseconds: the local date and time that a JDBC timestamp of
 * the same instant holds, counted from 1970-01-01 00:00.
 */
class RecordStoreTimesTest {

    private static final LocalDateTime EPOCH = LocalDateTime.of(1970, 1, 1, 0, 0);

    private final RecordStore store = new RecordStore(null);

    @Test
    void aTimeIsTheMicrosecondsOfTheLocalDateAndTimeThatAJdbcTimestampHolds() {
        for (String time : new String[] {"2026-12-05T10:36:55.123456Z", "1969-12-31T23:59:59.999999Z",
                "2026-03-29T01:30:00Z", "1950-06-01T12:00:00.000001Z", "1600-01-01T00:00:00.000001Z",
                "2300-12-31T23:59:59.999999Z"}) {
            Instant instant = Instant.parse(time);
            LocalDateTime local = Timestamp.from(instant).toLocalDateTime();
            assertEquals(ChronoUnit.MICROS.between(EPOCH, local), store.localMicros(instant), time);
        }
    }

    @Test
    void digitsBelowAMicrosecondAreDroppedTheSameWayEveryTime() {
        Instant withNanos = Instant.parse("2026-12-05T10:36:55.123456789Z");
        long micros = store.localMicros(withNanos);
        assertEquals(store.localMicros(withNanos.truncatedTo(ChronoUnit.MICROS)), micros);
        assertEquals(micros, store.localMicros(withNanos));
    }
}
