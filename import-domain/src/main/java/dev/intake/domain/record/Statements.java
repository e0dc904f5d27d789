package dev.intake.domain.record;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Statements of one transaction whose results the caller does not need, sent to the database together: on
 * PostgreSQL they are joined into one, which the driver sends in a single round trip (it splits the text at the
 * semicolons and numbers the parameters across all of them); on H2, embedded, each runs when it is added.
 *
 * <p>An import's chunk ends with several such inserts and updates (its journal, its rows' outcomes, its job's
 * counters). On a busy server every round trip costs more than its statement: the database's process and then the
 * import's thread each wait for a core, about a millisecond a trip on two cores.
 */
public final class Statements {

    /** Binds a statement's parameters, numbered after the {@code before} parameters of the statements before it. */
    @FunctionalInterface
    public interface Binding {
        void bind(PreparedStatement statement, int before) throws SQLException;
    }

    private final Connection connection;
    private final boolean together;
    /** What a statement's count of rows must satisfy; a failed check fails the transaction. */
    @FunctionalInterface
    public interface CountCheck {
        void check(int rows) throws SQLException;
    }

    /** Reads the rows a query among the statements answers. */
    @FunctionalInterface
    public interface RowsReader {
        void read(ResultSet rows) throws SQLException;
    }

    private final List<String> sql = new ArrayList<>();
    private final List<Binding> bindings = new ArrayList<>();
    private final List<CountCheck> checks = new ArrayList<>();
    private final List<RowsReader> readers = new ArrayList<>();

    private Statements(Connection connection, boolean together) {
        this.connection = connection;
        this.together = together;
    }

    /** Statements for the connection, sent together where its database allows. */
    public static Statements on(Connection connection) throws SQLException {
        return new Statements(connection, Dialect.of(connection) == Dialect.POSTGRESQL);
    }

    public Connection connection() {
        return connection;
    }

    /** Adds a statement, or on H2 runs it now. Its text must hold no question mark but its parameters. */
    public void add(String statement, Binding binding) throws SQLException {
        add(statement, binding, rows -> { });
    }

    /** Adds a statement whose count of rows is checked once it has run (on H2: now). */
    public void add(String statement, Binding binding, CountCheck check) throws SQLException {
        if (!together) {
            try (PreparedStatement prepared = connection.prepareStatement(statement)) {
                binding.bind(prepared, 0);
                check.check(prepared.executeUpdate());
            }
            return;
        }
        queue(statement, binding, check, null);
    }

    /** Adds a query whose rows are read once it has run (on H2: runs it now). */
    public void addQuery(String query, Binding binding, RowsReader reader) throws SQLException {
        if (!together) {
            try (PreparedStatement prepared = connection.prepareStatement(query)) {
                binding.bind(prepared, 0);
                try (ResultSet rows = prepared.executeQuery()) {
                    reader.read(rows);
                }
            }
            return;
        }
        queue(query, binding, null, reader);
    }

    private void queue(String statement, Binding binding, CountCheck check, RowsReader reader) {
        sql.add(statement);
        bindings.add(binding);
        checks.add(check);
        readers.add(reader);
    }

    /**
     * Sends the statements added since the last send, if any, in one round trip, then checks their counts and
     * reads the queries' rows, in the order they were added.
     */
    public void send() throws SQLException {
        if (sql.isEmpty()) {
            return;
        }
        try (PreparedStatement prepared = connection.prepareStatement(String.join(";\n", sql))) {
            int before = 0;
            for (int at = 0; at < sql.size(); at++) {
                bindings.get(at).bind(prepared, before);
                before += parameters(sql.get(at));
            }
            prepared.execute();
            for (int at = 0; at < sql.size(); at++) {
                if (readers.get(at) != null) {
                    readers.get(at).read(prepared.getResultSet());
                } else {
                    checks.get(at).check(prepared.getUpdateCount());
                }
                prepared.getMoreResults();
            }
        } finally {
            sql.clear();
            bindings.clear();
            checks.clear();
            readers.clear();
        }
    }

    private static int parameters(String statement) {
        return (int) statement.chars().filter(c -> c == '?').count();
    }
}
