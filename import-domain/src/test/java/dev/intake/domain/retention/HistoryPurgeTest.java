package dev.intake.domain.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.intake.domain.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HistoryPurgeTest {

    private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");

    private TestDatabase database;

    @BeforeEach
    void database() {
        database = TestDatabase.migrated();
    }

    @AfterEach
    void close() throws Exception {
        database.close();
    }

    @Test
    void removesJobsWhoseExpiryHasPassedWithTheirRowErrorsOutcomesAndJournalButKeepsTheRecords() throws Exception {
        try (Connection connection = database.transaction()) {
            job(connection, "old", NOW.minus(Duration.ofDays(91)), NOW.minusSeconds(1), "COMPLETED");
            job(connection, "fresh", NOW.minus(Duration.ofDays(10)), NOW.plus(Duration.ofDays(80)), "COMPLETED");
            rowError(connection, "old");
            rowError(connection, "fresh");
            record(connection, 7);
            for (String jobId : List.of("old", "fresh")) {
                insert(connection, "insert into row_outcome (job_id, first_line, last_line, outcomes) values (?, 2, 2,"
                        + " '2 A 7')", jobId);
                insert(connection, "insert into import_journal (job_id, record_id, line, created) values (?, 7, 2,"
                        + " false)", jobId);
                insert(connection, "insert into import_journal_created (job_id, first_record, last_record, records)"
                        + " values (?, 8, 8, '8:3')", jobId);
                insert(connection, "insert into import_journal_changed (job_id, id_block, line, records)"
                        + " values (?, 0, 2, '7:2:{\"city\":null}')", jobId);
            }
            connection.commit();

            List<HistoryPurge.PurgedJob> purged = new HistoryPurge(connection).purgeBatch(NOW, 100);
            connection.commit();

            assertEquals(List.of("old"), purged.stream().map(HistoryPurge.PurgedJob::id).toList());
            assertEquals(List.of("fresh"), ids(connection, "select id from import_job order by id"));
            assertEquals(List.of("fresh"), ids(connection, "select job_id from row_error"));
            assertEquals(List.of("fresh"), ids(connection, "select job_id from row_outcome"));
            assertEquals(List.of("fresh"), ids(connection, "select job_id from import_journal"));
            assertEquals(List.of("fresh"), ids(connection, "select job_id from import_journal_created"));
            assertEquals(List.of("fresh"), ids(connection, "select job_id from import_journal_changed"));
            assertEquals(List.of("7"), ids(connection, "select cast(id as varchar) from crm_record"));
        }
    }

    @Test
    void removesTheCallbackDeliveryAndAttemptsOfPurgedJobsAndFreesTheirIdempotencyKeys() throws Exception {
        try (Connection connection = database.transaction()) {
            job(connection, "old", NOW.minus(Duration.ofDays(91)), NOW.minusSeconds(1), "COMPLETED");
            job(connection, "fresh", NOW.minus(Duration.ofDays(10)), NOW.plus(Duration.ofDays(80)), "COMPLETED");
            execute(connection, "update import_job set idempotency_key = 'nightly-1' where id = 'old'");
            for (String id : List.of("old", "fresh")) {
                execute(connection, "insert into callback_delivery (job_id, url, state, attempts) values ('" + id
                        + "', 'http://127.0.0.1/hook', 'DELIVERED', 1)");
                execute(connection, "insert into callback_attempt (id, job_id, attempt, at, status_code) values ('a-"
                        + id + "', '" + id + "', 1, current_timestamp, 200)");
            }
            connection.commit();

            new HistoryPurge(connection).purgeBatch(NOW, 100);
            connection.commit();

            assertEquals(List.of("fresh"), ids(connection, "select job_id from callback_delivery"));
            assertEquals(List.of("fresh"), ids(connection, "select job_id from callback_attempt"));
            job(connection, "again", NOW, NOW.plus(Duration.ofDays(90)), "QUEUED");
            execute(connection, "update import_job set idempotency_key = 'nightly-1' where id = 'again'");
            connection.commit();
            assertEquals(List.of("again"), ids(connection, "select id from import_job where idempotency_key"
                    + " = 'nightly-1'"));
        }
    }

    @Test
    void keepsAnExpiredJobThatIsStillRunning() throws Exception {
        try (Connection connection = database.transaction()) {
            job(connection, "running", NOW.minus(Duration.ofDays(91)), NOW.minusSeconds(1), "RUNNING");
            connection.commit();

            assertEquals(List.of(), new HistoryPurge(connection).purgeBatch(NOW, 100));
        }
    }

    @Test
    void purgesInBatchesOfTheGivenSizeAndMovesOnWithTheClock() throws Exception {
        try (Connection connection = database.transaction()) {
            for (int i = 0; i < 5; i++) {
                job(connection, "job" + i, NOW.minus(Duration.ofDays(90)), NOW.plusSeconds(i), "FAILED");
            }
            connection.commit();
            HistoryPurge purge = new HistoryPurge(connection);

            assertEquals(0, purge.purgeBatch(NOW.minusSeconds(1), 2).size());
            assertEquals(List.of("job0", "job1"), purge.purgeBatch(NOW.plusSeconds(10), 2).stream()
                    .map(HistoryPurge.PurgedJob::id).toList());
            assertEquals(2, purge.purgeBatch(NOW.plusSeconds(10), 2).size());
            assertEquals(1, purge.purgeBatch(NOW.plusSeconds(10), 2).size());
            connection.commit();
            assertEquals(List.of(), ids(connection, "select id from import_job"));
        }
    }

    private static void job(Connection connection, String id, Instant created, Instant expires, String status)
            throws Exception {
        String sql = "insert into import_job (id, entity, file_name, status, processed, added, updated, failed,"
                + " created_by, created_at, expires_at, ignore_unknown, max_errors, checkpoint_line,"
                + " cancel_requested) values (?, 'contact', 'f.csv', ?, 0, 0, 0, 0, 'admin', ?, ?, false, 1000, 0,"
                + " false)";
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            insert.setString(1, id);
            insert.setString(2, status);
            insert.setTimestamp(3, Timestamp.from(created));
            insert.setTimestamp(4, Timestamp.from(expires));
            insert.executeUpdate();
        }
    }

    private static void execute(Connection connection, String sql) throws Exception {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.executeUpdate();
        }
    }

    private static void rowError(Connection connection, String jobId) throws Exception {
        try (PreparedStatement insert = connection.prepareStatement("insert into row_error (job_id, seq, line,"
                + " code, message) values (?, 1, 2, 'INVALID_EMAIL', 'bad')")) {
            insert.setString(1, jobId);
            insert.executeUpdate();
        }
    }

    private static void insert(Connection connection, String sql, String jobId) throws Exception {
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            insert.setString(1, jobId);
            insert.executeUpdate();
        }
    }

    private static void record(Connection connection, long id) throws Exception {
        try (PreparedStatement insert = connection.prepareStatement("insert into crm_record (id, entity,"
                + " created_at, updated_at, field_values) values (?, 'contact', ?, ?, '{}')")) {
            insert.setLong(1, id);
            insert.setTimestamp(2, Timestamp.from(NOW));
            insert.setTimestamp(3, Timestamp.from(NOW));
            insert.executeUpdate();
        }
    }

    private static List<String> ids(Connection connection, String sql) throws Exception {
        try (PreparedStatement query = connection.prepareStatement(sql); ResultSet rows = query.executeQuery()) {
            java.util.ArrayList<String> ids = new java.util.ArrayList<>();
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
            return ids;
        }
    }
}
