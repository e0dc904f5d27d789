package dev.intake.domain.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.intake.domain.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What an import's writes do when an undo deletes or locks the same records at the same time. */
class RecordStoreConcurrencyTest {

    private final TestDatabase database = TestDatabase.migrated();

    @AfterEach
    void close() throws SQLException {
        database.close();
    }

    @Test
    void anUpdateOfARecordDeletedMeanwhileFailsTheTransactionInsteadOfReportingAChangeThatIsLost()
            throws SQLException {
        long id = storedRecord("ann@example.com");
        try (Connection undo = database.transaction()) {
            new RecordStore(undo).delete(List.of(id));
            undo.commit();
        }

        try (Connection importing = database.transaction()) {
            RecordStore store = new RecordStore(importing);
            SQLException failure = assertThrows(SQLException.class, () -> store.update(List.of(
                    new StoredRecord(id, "contact", Instant.now(), Instant.now(), Map.of("email", "x@example.com"))),
                    "job-b", Map.of()));
            assertEquals("40001", failure.getSQLState(), "a retriable failure: the chunk is applied again");
            assertTrue(failure.getMessage().contains("changed or deleted by another job"), failure.getMessage());
        }
    }

    @Test
    void aLockedRecordIsWrittenByAnotherTransactionOnlyAfterTheLockingOneEnds() throws Exception {
        long id = storedRecord("bob@example.com");
        try (Connection undo = database.transaction(); Connection importing = database.transaction()) {
            new RecordStore(undo).lockForChange(List.of(id));
            CompletableFuture<Void> update = CompletableFuture.runAsync(() -> updateEmail(importing, id));
            Thread.sleep(300);
            assertTrue(!update.isDone(), "the import's update waits for the undo's lock");

            new RecordStore(undo).delete(List.of(id));
            undo.commit();

            ExecutionException failure = assertThrows(ExecutionException.class, () -> update.get(10, TimeUnit.SECONDS));
            assertTrue(failure.getCause().getMessage().contains("changed or deleted by another job"),
                    failure.getCause().toString());
        }
    }

    private void updateEmail(Connection connection, long id) {
        try {
            new RecordStore(connection).update(List.of(new StoredRecord(id, "contact", Instant.now(), Instant.now(),
                    Map.of("email", "new@example.com"))), "job-b", Map.of());
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private long storedRecord(String email) throws SQLException {
        try (Connection connection = database.transaction()) {
            RecordStore store = new RecordStore(connection);
            long id = store.newId();
            store.insert(List.of(new StoredRecord(id, "contact", Instant.now(), Instant.now(),
                    Map.of("email", email))), "job-a", Map.of());
            connection.commit();
            return id;
        }
    }
}
