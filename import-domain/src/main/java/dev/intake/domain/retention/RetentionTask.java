package dev.intake.domain.retention;

import dev.intake.domain.config.Database;
import dev.intake.domain.importing.UploadStore;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps import history for its retention period and no longer: every hour, and once shortly after start-up,
 * removes the jobs whose {@code expiresAt} has passed, in batches of {@value #BATCH_SIZE}, each committed on its
 * own. Time comes from the injected clock.
 */
@ApplicationScoped
public class RetentionTask {

    static final int BATCH_SIZE = 500;

    private static final Logger LOG = Logger.getLogger(RetentionTask.class.getName());

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    Database database;

    @Inject
    UploadStore uploads;

    @Inject
    Clock clock;

    /** Schedules the purge; called once at start-up. */
    public void schedule() {
        scheduler.scheduleWithFixedDelay(this::purgeExpiredSafely, 1, 60, TimeUnit.MINUTES);
    }

    /** Removes all expired history now and answers how many jobs went. */
    public int purgeExpired() throws SQLException {
        int purged = 0;
        List<HistoryPurge.PurgedJob> batch;
        do {
            batch = purgeBatch();
            batch.stream().filter(job -> job.uploadPath() != null)
                    .forEach(job -> uploads.discard(Paths.get(job.uploadPath())));
            purged += batch.size();
        } while (batch.size() == BATCH_SIZE);
        int total = purged;
        if (total > 0) {
            LOG.info(() -> "INTAKE-060 Removed " + total + " expired imports from the history");
        }
        return total;
    }

    private List<HistoryPurge.PurgedJob> purgeBatch() throws SQLException {
        try (Connection connection = database.connection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                List<HistoryPurge.PurgedJob> batch = new HistoryPurge(connection).purgeBatch(clock.instant(),
                        BATCH_SIZE);
                connection.commit();
                return batch;
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        }
    }

    private void purgeExpiredSafely() {
        try {
            purgeExpired();
            uploads.removeStaleIncoming(clock.instant());
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.WARNING, "INTAKE-061 Expired history could not be removed; retrying at the next run", e);
        }
    }
}
