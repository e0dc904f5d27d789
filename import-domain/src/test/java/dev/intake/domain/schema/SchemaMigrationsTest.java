package dev.intake.domain.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.intake.domain.TestDatabase;
import dev.intake.domain.record.RecordKey;
import dev.intake.domain.record.RecordStore;
import dev.intake.domain.record.StoredRecord;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SchemaMigrationsTest {

    /** The SQL state of a unique constraint violation, on PostgreSQL as on H2. */
    private static final String UNIQUE_VIOLATION = "23505";

    private static final Instant NOW = Instant.parse("2025-03-03T09:00:00Z");

    @Test
    void appliesEveryMigrationToAnEmptyDatabase() throws SQLException {
        try (TestDatabase database = TestDatabase.empty()) {
            int applied = new SchemaMigrations(database.dataSource()).migrate();

            assertEquals(SchemaMigrations.MIGRATIONS.size(), applied);
            assertEquals(SchemaMigrations.MIGRATIONS, appliedScripts(database));
        }
    }

    @Test
    void recordsOneVersionRowPerMigrationNumberedFromOne() throws SQLException {
        try (TestDatabase database = TestDatabase.empty()) {
            new SchemaMigrations(database.dataSource()).migrate();

            List<Integer> expected = new ArrayList<>();
            for (int version = 1; version <= SchemaMigrations.MIGRATIONS.size(); version++) {
                expected.add(version);
            }
            assertEquals(expected, appliedVersions(database));
        }
    }

    @Test
    void appliesNothingTheSecondTime() throws SQLException {
        try (TestDatabase database = TestDatabase.empty()) {
            SchemaMigrations migrations = new SchemaMigrations(database.dataSource());
            migrations.migrate();

            int appliedAgain = migrations.migrate();

            assertEquals(0, appliedAgain);
            assertEquals(SchemaMigrations.MIGRATIONS, appliedScripts(database));
        }
    }

    @Test
    void keepsExistingRecordsWhenAppliedAgain() throws SQLException {
        try (TestDatabase database = TestDatabase.migrated()) {
            long id = storeRecord(database, "contact", Map.of("email", "ana@example.com"));

            new SchemaMigrations(database.dataSource()).migrate();

            try (Connection connection = database.transaction()) {
                StoredRecord kept = new RecordStore(connection).load(List.of(id)).get(id);
                assertEquals(Map.of("email", "ana@example.com"), kept.values());
            }
        }
    }

    @Test
    void refusesASecondRecordHoldingTheSameMatchKey() throws SQLException {
        try (TestDatabase database = TestDatabase.migrated()) {
            long ana = storeRecord(database, "contact", Map.of("email", "ana@example.com"));
            long twin = storeRecord(database, "contact", Map.of("email", "ANA@example.com"));
            addKey(database, "contact", new RecordKey(0, "ana@example.com"), ana);

            SQLException refused = assertThrows(SQLException.class,
                    () -> addKey(database, "contact", new RecordKey(0, "ana@example.com"), twin));

            assertEquals(UNIQUE_VIOLATION, refused.getSQLState());
        }
    }

    @Test
    void letsTheSameKeyValueBelongToAnotherRuleOrApp() throws SQLException {
        try (TestDatabase database = TestDatabase.migrated()) {
            long contact = storeRecord(database, "contact", Map.of("name", "acme"));
            long company = storeRecord(database, "company", Map.of("name", "acme"));

            addKey(database, "contact", new RecordKey(0, "acme"), contact);
            addKey(database, "contact", new RecordKey(1, "acme"), contact);
            addKey(database, "company", new RecordKey(0, "acme"), company);

            try (Connection connection = database.transaction()) {
                RecordStore store = new RecordStore(connection);
                assertEquals(Map.of(new RecordKey(0, "acme"), contact, new RecordKey(1, "acme"), contact),
                        store.findByKeys("contact", List.of(new RecordKey(0, "acme"), new RecordKey(1, "acme"))));
                assertEquals(Map.of(new RecordKey(0, "acme"), company),
                        store.findByKeys("company", List.of(new RecordKey(0, "acme"))));
            }
        }
    }

    @Test
    void splitsScriptsAtSemicolonsThatEndALineAndDropsCommentLines() {
        String script = "-- a comment; with a semicolon\ncreate table a (\n    x integer\n);\n\n"
                + "create index a_by_x on a (x);\ninsert into a values (1)";

        List<String> statements = SchemaMigrations.statements(script);

        assertEquals(List.of("create table a (\n    x integer\n)", "create index a_by_x on a (x)",
                "insert into a values (1)"), statements);
    }

    private static long storeRecord(TestDatabase database, String entity, Map<String, String> values)
            throws SQLException {
        try (Connection connection = database.transaction()) {
            RecordStore store = new RecordStore(connection);
            long id = store.newId();
            store.insert(List.of(new StoredRecord(id, entity, NOW, NOW, values)));
            connection.commit();
            return id;
        }
    }

    private static void addKey(TestDatabase database, String entity, RecordKey key, long recordId)
            throws SQLException {
        try (Connection connection = database.transaction()) {
            new RecordStore(connection).addKeys(entity, Map.of(key, recordId));
            connection.commit();
        }
    }

    private static List<String> appliedScripts(TestDatabase database) throws SQLException {
        List<String> scripts = new ArrayList<>();
        try (Connection connection = database.transaction(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select script from schema_version order by version")) {
            while (rows.next()) {
                scripts.add(rows.getString(1));
            }
        }
        return scripts;
    }

    private static List<Integer> appliedVersions(TestDatabase database) throws SQLException {
        List<Integer> versions = new ArrayList<>();
        try (Connection connection = database.transaction(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select version from schema_version order by version")) {
            while (rows.next()) {
                versions.add(rows.getInt(1));
            }
        }
        return versions;
    }
}
