package dev.intake.domain.importing;

import dev.intake.domain.config.Database;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Imports per day over a recent period, per app, for the console's dashboard. The database sums them (one
 * grouped query over the app's index on creation time), so the console never loads the jobs themselves.
 * A day counts the imports created on it, with the counters they have reached so far. Only real imports count:
 * a dry run wrote nothing and an undo is not an import, so neither adds imports or rows.
 */
@ApplicationScoped
public class ImportActivity {

    private static final String PER_DAY = "select cast(created_at as date), count(*), sum(added),"
            + " sum(updated), sum(failed) from import_job where entity = ? and created_at >= ?"
            + " and kind = 'IMPORT' and dry_run = false"
            + " group by cast(created_at as date) order by 1";

    @Inject
    Database database;

    @Inject
    Clock clock;

    /** The app's days with imports among the last {@code days} days including today, oldest first. */
    public List<DailyImports> perDay(String entity, int days) {
        LocalDate first = LocalDate.now(clock.withZone(ZoneOffset.UTC)).minusDays(days - 1L);
        try (Connection connection = database.connection();
                PreparedStatement query = connection.prepareStatement(PER_DAY)) {
            query.setString(1, entity);
            query.setTimestamp(2, Timestamp.valueOf(first.atStartOfDay()));
            return read(query);
        } catch (SQLException e) {
            throw new IllegalStateException("Imports per day of app " + entity + " could not be read", e);
        }
    }

    private static List<DailyImports> read(PreparedStatement query) throws SQLException {
        List<DailyImports> days = new ArrayList<>();
        try (ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                days.add(new DailyImports(rows.getDate(1).toLocalDate(), rows.getLong(2), rows.getLong(3),
                        rows.getLong(4), rows.getLong(5)));
            }
        }
        return days;
    }
}
