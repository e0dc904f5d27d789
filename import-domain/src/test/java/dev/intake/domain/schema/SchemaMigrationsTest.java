package dev.intake.domain.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.intake.domain.TestDatabase;
import dev.intake.domain.record.Dialect;
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
import java.util.Set;
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

    /**
     * V14 moves the keys of every app's first rule from crm_record_key onto their records, and keeps the others. A
     * record left with two first-rule keys by a change of rules keeps one, and a start that failed half-way on H2
     * (which commits each schema change at once; here the column was already added) finishes the migration.
     */
    @Test
    void v14MovesFirstRuleKeysOntoTheirRecordsAndCanRunAgain() throws SQLException {
        try (TestDatabase database = TestDatabase.empty()) {
            SchemaMigrations migrations = new SchemaMigrations(database.dataSource());
            migrations.migrateTo(13);
            try (Connection connection = database.transaction(); Statement statement = connection.createStatement()) {
                for (String sql : List.of(
                        "insert into crm_record (id, entity, created_at, updated_at, field_values) values"
                                + " (1, 'contact', current_timestamp, current_timestamp, '{}'),"
                                + " (2, 'contact', current_timestamp, current_timestamp, '{}'),"
                                + " (3, 'company', current_timestamp, current_timestamp, '{}')",
                        "insert into crm_record_key (entity, rule_no, key_value, record_id) values"
                                + " ('contact', 0, 'ana@example.com', 1), ('contact', 1, 'c-1', 1),"
                                + " ('contact', 1, 'c-2', 2), ('company', 0, 'acme', 3),"
                                + " ('company', 0, 'acme inc', 3)",
                        "alter table crm_record add column match_key varchar(2000)")) {
                    statement.executeUpdate(sql);
                }
                connection.commit();
            }

            assertEquals(1, migrations.migrateTo(14), "a record with two first-rule keys keeps one");

            try (Connection connection = database.transaction()) {
                RecordStore store = new RecordStore(connection);
                assertEquals(Map.of(new RecordKey(0, "ana@example.com"), 1L, new RecordKey(1, "c-2"), 2L),
                        store.findByKeys("contact", List.of(new RecordKey(0, "ana@example.com"),
                                new RecordKey(1, "c-2"), new RecordKey(0, "acme"))));
                assertEquals(Map.of(new RecordKey(0, "acme"), 3L),
                        store.findByKeys("company", List.of(new RecordKey(0, "acme"))));
                assertEquals(Map.of(1L, Set.of(new RecordKey(0, "ana@example.com"), new RecordKey(1, "c-1")),
                        2L, Set.of(new RecordKey(1, "c-2")), 3L, Set.of(new RecordKey(0, "acme"))),
                        store.storedKeys(List.of(1L, 2L, 3L)));
                try (Statement statement = connection.createStatement();
                        ResultSet rows = statement.executeQuery("select count(*) from crm_record_key")) {
                    rows.next();
                    assertEquals(2, rows.getInt(1), "the second rule's keys stay rows");
                }
            }
        }
    }

    @Test
    void refusesASecondJobOfTheSameUserWithTheSameIdempotencyKeyButNotOfAnotherUserOrWithoutKey()
            throws SQLException {
        try (TestDatabase database = TestDatabase.migrated()) {
            insertJob(database, "j1", "erp", "'nightly-7'");
            insertJob(database, "j2", "crm", "'nightly-7'");
            insertJob(database, "j3", "erp", "null");
            insertJob(database, "j4", "erp", "null");

            SQLException refused = assertThrows(SQLException.class, () -> insertJob(database, "j5", "erp",
                    "'nightly-7'"));

            assertEquals(UNIQUE_VIOLATION, refused.getSQLState());
        }
    }

    @Test
    void seedsASettingOnlyOnceWhenSeveralNodesInsertIt() throws SQLException {
        try (TestDatabase database = TestDatabase.migrated(); Connection connection = database.transaction();
                Statement statement = connection.createStatement()) {
            String seed = "insert into admin_setting (name, setting_value) values ('callback_hosts', '%s')"
                    + " on conflict do nothing";
            assertEquals(1, statement.executeUpdate(seed.formatted("a.example.com")));
            assertEquals(0, statement.executeUpdate(seed.formatted("b.example.com")));
            try (ResultSet rows = statement.executeQuery("select setting_value from admin_setting")) {
                rows.next();
                assertEquals("a.example.com", rows.getString(1));
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

    @Test
    void keepsABlockWhoseBodyHasStatementsOfItsOwnInOnePiece() {
        String script = "/*postgresql*/ do $$ begin\n    if true then\n        execute 'select 1';\n    end if;\n"
                + "end $$;\ncreate index a_by_x on a (x);\ndo $$ begin perform 1; end $$;";

        List<String> statements = SchemaMigrations.statements(script);

        assertEquals(List.of("/*postgresql*/ do $$ begin\n    if true then\n        execute 'select 1';\n"
                + "    end if;\nend $$", "create index a_by_x on a (x)", "do $$ begin perform 1; end $$"), statements);
    }

    @Test
    void runsAStatementMarkedForPostgresqlOnlyThere() {
        List<String> statements = SchemaMigrations.statements("-- settings\n/*postgresql*/ alter table a set"
                + " (fillfactor = 80);\ncreate index a_by_x on a (x);");

        assertEquals(List.of(true, true), statements.stream()
                .map(sql -> SchemaMigrations.runsOn(Dialect.POSTGRESQL, sql)).toList());
        assertEquals(List.of(false, true), statements.stream()
                .map(sql -> SchemaMigrations.runsOn(Dialect.H2, sql)).toList());
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

    private static void insertJob(TestDatabase database, String id, String user, String key) throws SQLException {
        try (Connection connection = database.transaction(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("insert into import_job (id, entity, file_name, status, processed, added, updated,"
                    + " failed, created_by, created_at, expires_at, ignore_unknown, max_errors, checkpoint_line,"
                    + " cancel_requested, idempotency_key) values ('" + id + "', 'contact', 'f.csv', 'QUEUED', 0, 0,"
                    + " 0, 0, '" + user + "', current_timestamp, current_timestamp, false, 1000, 0, false, " + key
                    + ")");
            connection.commit();
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
