package dev.intake.domain.importing;

import dev.intake.domain.app.AppCatalog;
import dev.intake.domain.app.AppDefinition;
import dev.intake.domain.callback.CallbackDeliveries;
import dev.intake.domain.record.RecordStore;
import dev.intake.domain.config.Database;
import dev.intake.domain.config.IntakeSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The transactions of an import's life, each committed on its own: queueing the job, starting it, applying a
 * chunk together with its counters, row errors and checkpoint, and ending it.
 */
@ApplicationScoped
public class ImportTransactions {

    @PersistenceContext(unitName = "intake")
    EntityManager em;

    @Inject
    Database database;

    @Inject
    AppCatalog apps;

    @Inject
    Clock clock;

    @Inject
    IntakeSettings settings;

    @Inject
    CallbackDeliveries callbacks;

    @Transactional(TxType.REQUIRES_NEW)
    public void queue(ImportJob job) {
        em.persist(job);
    }

    /** The job a user started with this idempotency key, if it is still in the history. */
    @Transactional(TxType.REQUIRES_NEW)
    public Optional<ImportJob> findByIdempotencyKey(String user, String key) {
        return em.createQuery("select j from ImportJob j where j.createdBy = :user and j.idempotencyKey = :key",
                ImportJob.class).setParameter("user", user).setParameter("key", key).getResultStream().findFirst();
    }

    /**
     * Claims a queued or running job for this node, when no node holds it, this node already does, or its
     * holder has fallen silent for longer than the claim timeout. One conditional update: of several nodes
     * racing for the same job, exactly one wins.
     */
    @Transactional(TxType.REQUIRES_NEW)
    public boolean claim(String jobId) {
        Instant now = clock.instant();
        int claimed = em.createQuery("update ImportJob j set j.claimedBy = :node, j.heartbeatAt = :now"
                + " where j.id = :id and j.status in :open and (j.claimedBy is null or j.claimedBy = :node"
                + " or j.heartbeatAt < :stale)")
                .setParameter("node", settings.nodeId()).setParameter("now", now).setParameter("id", jobId)
                .setParameter("open", List.of(ImportStatus.QUEUED, ImportStatus.RUNNING))
                .setParameter("stale", now.minus(settings.claimTimeout())).executeUpdate();
        return claimed == 1;
    }

    /** Jobs this node could claim: unclaimed, its own, or fallen silent; oldest first. */
    @Transactional(TxType.REQUIRES_NEW)
    public List<String> claimableJobs(int limit) {
        Instant now = clock.instant();
        return em.createQuery("select j.id from ImportJob j where j.status in :open and (j.claimedBy is null"
                + " or j.claimedBy = :node or j.heartbeatAt < :stale) order by j.createdAt", String.class)
                .setParameter("open", List.of(ImportStatus.QUEUED, ImportStatus.RUNNING))
                .setParameter("node", settings.nodeId()).setParameter("stale", now.minus(settings.claimTimeout()))
                .setMaxResults(limit).getResultList();
    }

    /** Marks the job running and answers it, or null when it is gone or already over. */
    @Transactional(TxType.REQUIRES_NEW)
    public ImportJob start(String jobId) {
        ImportJob job = em.find(ImportJob.class, jobId);
        if (job == null || job.status().isFinished()) {
            return null;
        }
        job.start(clock.instant());
        return job;
    }

    /**
     * Applies one chunk and moves the job's counters and checkpoint to its last line, all in one transaction, so
     * that after a crash the job resumes exactly after the last committed chunk.
     */
    @Transactional(value = TxType.REQUIRES_NEW, rollbackOn = Exception.class)
    public ChunkProgress applyChunk(String jobId, AppDefinition app, List<ImportRow> rows,
            List<RowError> conversionErrors, Map<Integer, List<String>> cellsByLine, int lastLine,
            Function<String, String> columnOfField) throws SQLException {
        ImportJob job = em.find(ImportJob.class, jobId, LockModeType.PESSIMISTIC_WRITE);
        if (job.status() != ImportStatus.RUNNING) {
            return new ChunkProgress(false, job.cancelRequested(), job.failed());
        }
        if (!settings.nodeId().equals(job.claimedBy())) {
            throw new ClaimLostException(jobId, job.claimedBy());
        }
        job.beat(clock.instant());
        try (Connection connection = database.connection()) {
            ChunkApplier applier = new ChunkApplier(app, new RecordStore(connection), columnOfField, apps::find);
            ChunkOutcome outcome = applier.apply(rows, clock.instant());
            List<RowError> errors = new ArrayList<>(conversionErrors);
            errors.addAll(outcome.errors());
            errors.sort(Comparator.comparingInt(RowError::line));
            RowErrorStore errorStore = new RowErrorStore(connection);
            errorStore.add(jobId, errorStore.lastSeq(jobId) + 1, errors, cellsByLine::get);
            int failedRows = (int) errors.stream().mapToInt(RowError::line).distinct().count();
            job.countChunk(outcome.added(), outcome.updated(), failedRows, lastLine);
        }
        return new ChunkProgress(true, job.cancelRequested(), job.failed());
    }

    /** See {@link RecordStore#refreshStatistics()}; outside the chunks' transactions, so it never holds them. */
    public void refreshStatistics() throws SQLException {
        try (Connection connection = database.connection()) {
            new RecordStore(connection).refreshStatistics();
        }
    }

    @Transactional(TxType.REQUIRES_NEW)
    public void finish(String jobId, ImportStatus end, String message) {
        ImportJob job = em.find(ImportJob.class, jobId, LockModeType.PESSIMISTIC_WRITE);
        if (job != null && !job.status().isFinished()) {
            job.finish(end, message, clock.instant());
            callbacks.schedule(job);
        }
    }

    /** Asks a job to stop; a queued job stops at once, a running one at its next chunk. */
    @Transactional(TxType.REQUIRES_NEW)
    public ImportJob requestCancel(String jobId, String by) {
        ImportJob job = em.find(ImportJob.class, jobId, LockModeType.PESSIMISTIC_WRITE);
        if (job == null || job.status().isFinished()) {
            return job;
        }
        job.requestCancel();
        if (job.status() == ImportStatus.QUEUED) {
            job.finish(ImportStatus.CANCELLED, "Cancelled by " + by + " before it started; nothing was imported.",
                    clock.instant());
            callbacks.schedule(job);
        }
        return job;
    }
}
