package dev.intake.domain.importing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.intake.domain.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The job row a chunk's transaction locks and counts on, on a migrated embedded database. */
class RunningJobRowTest {

    private static final Instant MONDAY = Instant.parse("2025-03-03T09:00:00Z");

    private final TestDatabase database = TestDatabase.migrated();

    @AfterEach
    void dropDatabase() throws SQLException {
        database.close();
    }

    @Test
    void countsChunksExactlyAsTheJobEntityDoes() throws SQLException {
        insertJob("job-1", "RUNNING", "node-a", true);
        ChunkOutcome first = new ChunkOutcome(40, 7, 3, List.of(), List.of());
        ChunkOutcome second = new ChunkOutcome(1, 45, 0, List.of(), List.of());
        try (Connection connection = database.transaction()) {
            RunningJobRow row = new RunningJobRow(connection);
            row.countChunk("job-1", MONDAY.plusSeconds(5), first, 2, 53);
            row.countChunk("job-1", MONDAY.plusSeconds(9), second, 4, 103);
            connection.commit();
        }
        ImportJob entity = new ImportJob("contact", "contacts.csv", "erp", ImportOptions.defaults(), "UTF-8", MONDAY,
                MONDAY);
        entity.countChunk(first, 2, 53);
        entity.countChunk(second, 4, 103);

        assertEquals(List.of(entity.processed(), entity.added(), entity.updated(), entity.unchanged(),
                entity.failed(), entity.checkpointLine()), countersOf("job-1"));
        assertEquals(List.of(99, 41, 52, 3, 6, 103), countersOf("job-1"));
        assertEquals(Timestamp.from(MONDAY.plusSeconds(9)), heartbeatOf("job-1"));
    }

    @Test
    void locksAndReadsWhatDecidesWhetherAChunkMayBeWritten() throws SQLException {
        insertJob("job-1", "CANCELLED", null, true);
        try (Connection connection = database.transaction()) {
            RunningJobRow row = new RunningJobRow(connection);

            assertEquals(new RunningJobRow.Locked(ImportStatus.CANCELLED, true, null, 0), row.lock("job-1"));
            assertNull(row.lock("no-such-job"));
        }
    }

    private void insertJob(String id, String status, String claimedBy, boolean cancelRequested)
            throws SQLException {
        String sql = "insert into import_job (id, entity, file_name, status, processed, added, updated, failed,"
                + " created_by, created_at, expires_at, ignore_unknown, max_errors, checkpoint_line,"
                + " cancel_requested, claimed_by) values (?, 'contact', 'contacts.csv', ?, 0, 0, 0, 0, 'erp', ?, ?,"
                + " false, 1000, 1, ?, ?)";
        try (Connection connection = database.transaction();
                PreparedStatement insert = connection.prepareStatement(sql)) {
            insert.setString(1, id);
            insert.setString(2, status);
            insert.setTimestamp(3, Timestamp.from(MONDAY));
            insert.setTimestamp(4, Timestamp.from(MONDAY.plusSeconds(90L * 24 * 3600)));
            insert.setBoolean(5, cancelRequested);
            insert.setString(6, claimedBy);
            insert.executeUpdate();
            connection.commit();
        }
    }

    private List<Integer> countersOf(String id) throws SQLException {
        String sql = "select processed, added, updated, unchanged, failed, checkpoint_line from import_job"
                + " where id = ?";
        try (Connection connection = database.transaction();
                PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, id);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return List.of(row.getInt(1), row.getInt(2), row.getInt(3), row.getInt(4), row.getInt(5),
                        row.getInt(6));
            }
        }
    }

    private Timestamp heartbeatOf(String id) throws SQLException {
        try (Connection connection = database.transaction();
                PreparedStatement query = connection.prepareStatement(
                        "select heartbeat_at from import_job where id = ?")) {
            query.setString(1, id);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getTimestamp(1);
            }
        }
    }
}
