package dev.intake.domain.importing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.intake.domain.TestDatabase;
import dev.intake.domain.config.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ImportActivityTest {

    private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");

    @Test
    void sumsAnAppsImportsPerDayOverTheLastDaysOnly() throws Exception {
        try (TestDatabase database = TestDatabase.migrated()) {
            insertJob(database, "contact", "2026-12-04T08:00:00", 10, 5, 1);
            insertJob(database, "contact", "2026-12-04T23:59:59", 3, 2, 0);
            insertJob(database, "contact", "2026-12-02T00:00:00", 7, 0, 4);
            insertJob(database, "contact", "2026-09-05T23:00:00", 100, 0, 0);
            insertJob(database, "company", "2026-12-04T09:00:00", 50, 50, 50);

            List<DailyImports> days = activityOn(database).perDay("contact", 90);

            assertEquals(List.of(new DailyImports(LocalDate.parse("2026-12-02"), 1, 7, 0, 4),
                    new DailyImports(LocalDate.parse("2026-12-04"), 2, 13, 7, 1)), days);
        }
    }

    @Test
    void theFirstDayOfThePeriodCountsFromItsStart() throws Exception {
        try (TestDatabase database = TestDatabase.migrated()) {
            insertJob(database, "contact", "2026-09-06T00:00:00", 1, 0, 0);
            insertJob(database, "contact", "2026-09-05T23:59:59", 1, 0, 0);

            List<DailyImports> days = activityOn(database).perDay("contact", 90);

            assertEquals(List.of(new DailyImports(LocalDate.parse("2026-09-06"), 1, 1, 0, 0)), days);
        }
    }

    @Test
    void countsNeitherDryRunsNorUndos() throws Exception {
        try (TestDatabase database = TestDatabase.migrated()) {
            insertJob(database, "contact", "2026-12-04T08:00:00", 10, 5, 1);
            insertJob(database, "contact", "2026-12-04T09:00:00", 20, 0, 0);
            insertJob(database, "contact", "2026-12-04T10:00:00", 0, 30, 0);
            markAs(database, "2026-12-04T09:00:00", "dry_run = true");
            markAs(database, "2026-12-04T10:00:00", "kind = 'UNDO'");

            List<DailyImports> days = activityOn(database).perDay("contact", 90);

            assertEquals(List.of(new DailyImports(LocalDate.parse("2026-12-04"), 1, 10, 5, 1)), days);
        }
    }

    private static void markAs(TestDatabase database, String createdAt, String change) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
                PreparedStatement update = connection.prepareStatement("update import_job set " + change
                        + " where created_at = ?")) {
            update.setTimestamp(1, Timestamp.valueOf(LocalDateTime.parse(createdAt)));
            update.executeUpdate();
        }
    }

    private static ImportActivity activityOn(TestDatabase database) {
        ImportActivity activity = new ImportActivity();
        activity.clock = Clock.fixed(NOW, ZoneOffset.UTC);
        activity.database = new Database() {
            @Override
            public Connection connection() throws SQLException {
                return database.dataSource().getConnection();
            }
        };
        return activity;
    }

    private static void insertJob(TestDatabase database, String entity, String createdAt, int added, int updated,
            int failed) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
                PreparedStatement insert = connection.prepareStatement("insert into import_job (id, entity,"
                        + " file_name, status, processed, added, updated, failed, created_by, created_at, expires_at,"
                        + " ignore_unknown, max_errors, checkpoint_line, cancel_requested) values (?, ?, 'f.csv',"
                        + " 'COMPLETED', ?, ?, ?, ?, 'admin', ?, ?, false, 1000, 0, false)")) {
            Timestamp at = Timestamp.valueOf(LocalDateTime.parse(createdAt));
            insert.setString(1, UUID.randomUUID().toString());
            insert.setString(2, entity);
            insert.setInt(3, added + updated + failed);
            insert.setInt(4, added);
            insert.setInt(5, updated);
            insert.setInt(6, failed);
            insert.setTimestamp(7, at);
            insert.setTimestamp(8, at);
            insert.executeUpdate();
        }
    }
}
