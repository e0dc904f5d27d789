package dev.intake.domain.record;

import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * The database a connection talks to, as far as the record and journal writes care. A chunk of an import writes
 * each of its lists with one statement on PostgreSQL, the list bound as array parameters and joined through
 * {@code unnest}: a JDBC batch would bind and send every value as a parameter of its own. H2, embedded, takes
 * batches.
 */
public enum Dialect {

    /** Lists as array parameters: one statement per list. */
    POSTGRESQL,

    /** Lists as JDBC batches, and as a table to join where a query needs an index. */
    H2;

    /** The dialect of the connection's database; every database but H2 is taken for PostgreSQL. */
    public static Dialect of(Connection connection) throws SQLException {
        String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        return product.contains("h2") ? H2 : POSTGRESQL;
    }

    /**
     * One column of a list, for a {@link #POSTGRESQL} statement: an array parameter of the given SQL element type.
     * A typed Java array ({@code Long[]} rather than {@code Object[]}) lets the driver send numbers in binary.
     */
    public static <T, V> Array column(Connection connection, String type, Collection<T> items,
            Function<? super T, V> value, IntFunction<V[]> newArray) throws SQLException {
        return connection.createArrayOf(type, items.stream().map(value).toArray(newArray));
    }
}
