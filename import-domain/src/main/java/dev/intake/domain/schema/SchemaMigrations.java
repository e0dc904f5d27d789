package dev.intake.domain.schema;

import dev.intake.domain.record.Dialect;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Brings a database to the current schema by applying, in order, the migrations it has not seen yet. Each applied
 * migration is recorded in {@code schema_version}, so an upgrade keeps existing data and only adds what is new.
 * Migrations are plain SQL written for both PostgreSQL and H2 in PostgreSQL mode; a statement that starts with
 * {@value #POSTGRESQL_ONLY} runs on PostgreSQL only.
 */
public final class SchemaMigrations {

    /** Every migration, oldest first. A released migration is never edited: a change is a new file. */
    static final List<String> MIGRATIONS = List.of("V1__initial_schema.sql", "V2__failed_row_cells.sql",
            "V3__roles_and_audit.sql", "V4__column_mapping.sql",
            "V5__key_lookup_index.sql", "V6__job_claims.sql", "V7__import_journal.sql",
            "V8__callbacks_and_idempotency.sql", "V9__history_filter_indexes.sql",
            "V10__drop_key_value_index.sql", "V11__cheaper_record_writes.sql",
            "V12__room_for_updates.sql", "V13__created_records_per_chunk.sql",
            "V14__records_hold_their_first_key.sql", "V15__changed_records_per_block.sql",
            "V16__match_keys_compare_bytes.sql", "V17__match_key_first_in_its_index.sql");

    /** Starts a statement that only PostgreSQL runs: settings that H2 does not know or does not need. */
    static final String POSTGRESQL_ONLY = "/*postgresql*/";

    private static final Logger LOG = Logger.getLogger(SchemaMigrations.class.getName());

    private final DataSource dataSource;

    public SchemaMigrations(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Applies the pending migrations and answers how many there were. */
    public int migrate() {
        return migrateTo(MIGRATIONS.size());
    }

    /** Applies the pending migrations up to the given version; tests use it to upgrade data of an older schema. */
    int migrateTo(int target) {
        try (Connection connection = dataSource.getConnection()) {
            ensureVersionTable(connection);
            int current = currentVersion(connection);
            int applied = 0;
            for (int version = current + 1; version <= target; version++) {
                apply(connection, version, MIGRATIONS.get(version - 1));
                applied++;
            }
            LOG.info(() -> "INTAKE-001 Database schema at version " + target);
            return applied;
        } catch (SQLException e) {
            throw new IllegalStateException("The database schema could not be brought up to date", e);
        }
    }

    private static void ensureVersionTable(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("create table if not exists schema_version (version integer primary key, "
                    + "script varchar(200) not null, applied_at timestamp not null)");
        }
    }

    private static int currentVersion(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select coalesce(max(version), 0) from schema_version")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static void apply(Connection connection, int version, String script) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            Dialect dialect = Dialect.of(connection);
            for (String sql : statements(readScript(script))) {
                if (runsOn(dialect, sql)) {
                    statement.execute(sql);
                }
            }
            recordVersion(connection, version, script);
            connection.commit();
            LOG.info(() -> "INTAKE-002 Applied schema migration " + script);
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    private static void recordVersion(Connection connection, int version, String script) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "insert into schema_version (version, script, applied_at) values (?, ?, ?)")) {
            insert.setInt(1, version);
            insert.setString(2, script);
            insert.setTimestamp(3, Timestamp.from(Instant.now()));
            insert.executeUpdate();
        }
    }

    private static String readScript(String script) {
        String resource = "db/migration/" + script;
        try (InputStream in = SchemaMigrations.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Migration " + resource + " is missing from the application");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the database runs the statement: every database, or PostgreSQL only when it is marked so. */
    static boolean runsOn(Dialect dialect, String statement) {
        return dialect == Dialect.POSTGRESQL || !statement.startsWith(POSTGRESQL_ONLY);
    }

    /**
     * Splits a script into statements at semicolons that end a line, except inside a {@code $$} ... {@code $$}
     * body (a PostgreSQL {@code do} block's statements end with semicolons too); comment lines are dropped.
     */
    static List<String> statements(String script) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean inBody = false;
        for (String line : script.split("\\R")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("--")) {
                continue;
            }
            current.append(line).append('\n');
            inBody ^= line.split("\\$\\$", -1).length % 2 == 0; // an odd number of $$ opens or closes a body
            if (trimmed.endsWith(";") && !inBody) {
                statements.add(current.substring(0, current.lastIndexOf(";")).strip());
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            statements.add(current.toString().strip());
        }
        return statements;
    }
}
