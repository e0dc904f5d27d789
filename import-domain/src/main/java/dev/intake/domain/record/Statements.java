package dev.intake.domain.record;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Statements of one transaction sent to the database together: on PostgreSQL they are joined into one, which the
 * driver sends in a single round trip (it splits the text at the semicolons and numbers the parameters across all
 * of them), and their counts of rows are checked and their rows read once all have run; on H2, embedded, each runs
 * when it is added.
 *
 * <p>An import's chunk locks its job's row and writes its records, journal, rows' outcomes and counters this way.
 * On a busy server every round trip costs more than its statement: the database's process and then the import's
 * thread each wait for a core, about a millisecond a trip on two cores.
 */
public final class Statements {

    /** Binds a statement's parameters, numbered after the {@code before} parameters of the statements before it. */
    @FunctionalInterface
    public interface Binding {
        void bind(PreparedStatement statement, int before) throws SQLException;
    }

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

    /** A statement waiting to be sent, with what to do with its count (a statement) or its rows (a query). */
    private record Queued(String sql, Binding binding, CountCheck check, RowsReader reader) {
    }

    private final Connection connection;
    private final boolean together;
    private final List<Queued> queued = new ArrayList<>();

    private Statements(Connection connection, boolean together) {
        this.connection = connection;
        this.together = together;
    }

    /** Statements for the connection, sent together where its database allows. */
    public static Statements on(Connection connection) throws SQLException {
        return new Statements(connection, Dialect.of(connection) == Dialect.POSTGRESQL);
    }

    /** Adds a statement, or on H2 runs it now. Its text must hold no question mark but its parameters. */
    public void add(String statement, Binding binding) throws SQLException {
        add(statement, binding, rows -> { });
    }

    /** Adds a statement whose count of rows is checked once it has run (on H2: now). */
    public void add(String statement, Binding binding, CountCheck check) throws SQLException {
        if (together) {
            queued.add(new Queued(statement, binding, check, null));
            return;
        }
        try (PreparedStatement prepared = connection.prepareStatement(statement)) {
            binding.bind(prepared, 0);
            check.check(prepared.executeUpdate());
        }
    }

    /** Adds a query whose rows are read once it has run (on H2: runs it now). */
    public void addQuery(String query, Binding binding, RowsReader reader) throws SQLException {
        if (together) {
            queued.add(new Queued(query, binding, null, reader));
            return;
        }
        try (PreparedStatement prepared = connection.prepareStatement(query);
                ResultSet rows = bound(prepared, binding).executeQuery()) {
            reader.read(rows);
        }
    }

    private static PreparedStatement bound(PreparedStatement prepared, Binding binding) throws SQLException {
        binding.bind(prepared, 0);
        return prepared;
    }

    /**
     * Sends the statements added since the last send, if any, in one round trip, then checks their counts and
     * reads the queries' rows, in the order they were added.
     */
    public void send() throws SQLException {
        if (queued.isEmpty()) {
            return;
        }
        String joined = String.join(";\n", queued.stream().map(Queued::sql).toList());
        try (PreparedStatement prepared = connection.prepareStatement(joined)) {
            int before = 0;
            for (Queued statement : queued) {
                statement.binding().bind(prepared, before);
                before += parameters(statement.sql());
            }
            prepared.execute();
            for (Queued statement : queued) {
                if (statement.reader() != null) {
                    statement.reader().read(prepared.getResultSet());
                } else {
                    statement.check().check(prepared.getUpdateCount());
                }
                prepared.getMoreResults();
            }
        } finally {
            queued.clear();
        }
    }

    private static int parameters(String statement) {
        return (int) statement.chars().filter(c -> c == '?').count();
    }
}
