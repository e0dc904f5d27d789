package dev.intake.domain.record;

import java.sql.Connection;
import java.sql.PreparedStatement;
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

    private final List<String> sql = new ArrayList<>();
    private final List<Binding> bindings = new ArrayList<>();
    private final List<CountCheck> checks = new ArrayList<>();

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
        sql.add(statement);
        bindings.add(binding);
        checks.add(check);
    }

    /** Sends the statements added since the last send, if any, in one round trip, then checks their counts. */
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
            for (CountCheck check : checks) {
                check.check(prepared.getUpdateCount());
                prepared.getMoreResults();
            }
        } finally {
            sql.clear();
            bindings.clear();
            checks.clear();
        }
    }

    private static int parameters(String statement) {
        return (int) statement.chars().filter(c -> c == '?').count();
    }
}
