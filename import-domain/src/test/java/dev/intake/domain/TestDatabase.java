package dev.intake.domain;

import dev.intake.domain.schema.SchemaMigrations;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/**
 * A private in-memory H2 database in PostgreSQL mode, set up exactly as bin/serve sets up the embedded one, so that
 * the SQL the domain writes for both databases runs here as in production. Every instance has its own name: tests
 * that each open one share nothing. Closing it drops the database.
 */
public final class TestDatabase implements AutoCloseable {

    private static final String SETTINGS = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
            + ";DB_CLOSE_DELAY=-1";

    private final JdbcDataSource dataSource = new JdbcDataSource();

    private TestDatabase() {
        dataSource.setURL("jdbc:h2:mem:intake-" + UUID.randomUUID() + SETTINGS);
        dataSource.setUser("sa");
        dataSource.setPassword("");
    }

    /** A database without any table, not even {@code schema_version}. */
    public static TestDatabase empty() {
        return new TestDatabase();
    }

    /** A database brought to the current schema by the application's own migrations. */
    public static TestDatabase migrated() {
        TestDatabase database = new TestDatabase();
        new SchemaMigrations(database.dataSource()).migrate();
        return database;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** A new connection that does not commit on its own, as in a container-managed transaction. */
    public Connection transaction() throws SQLException {
        Connection connection = dataSource.getConnection();
        connection.setAutoCommit(false);
        return connection;
    }

    @Override
    public void close() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("shutdown");
        }
    }
}
