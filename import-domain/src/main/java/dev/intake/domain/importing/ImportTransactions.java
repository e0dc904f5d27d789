package dev.intake.domain.importing;

import dev.intake.domain.app.AppCatalog;
import dev.intake.domain.app.AppDefinition;
import dev.intake.domain.callback.CallbackDeliveries;
import dev.intake.domain.record.RecordIds;
import dev.intake.domain.record.RecordStore;
import dev.intake.domain.record.Statements;
import dev.intake.domain.config.Database;
import dev.intake.domain.config.IntakeSettings;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

    @Resource
    TransactionSynchronizationRegistry transactionRegistry;

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

    /**
     * Marks the job running and answers it, or null when it is gone or already over. A dry run that had begun
     * starts over from the first row: what its earlier chunks would have created was only in a memory now lost.
     */
    @Transactional(TxType.REQUIRES_NEW)
    public ImportJob start(String jobId) {
        ImportJob job = em.find(ImportJob.class, jobId);
        if (job == null || job.status().isFinished()) {
            return null;
        }
        if (job.dryRun() && job.checkpointLine() > 0) {
            for (String table : List.of("row_error", "row_outcome")) {
                em.createNativeQuery("delete from " + table + " where job_id = ?").setParameter(1, jobId)
                        .executeUpdate();
            }
            job.startOver();
        }
        job.start(clock.instant());
        return job;
    }

    /**
     * Plans a chunk of an import without writing it (see {@link ChunkApplier#plan}), on top of the chunk still
     * being written before it, if any, when its keys are read by one statement ({@link
     * RecordStore#looksUpInOneStatement}: an app that matches on one rule, a chunk of at most a few thousand
     * rows), which sees one snapshot of what other transactions committed by itself, so the plan runs outside a
     * transaction, without the round trips to the database that would begin and end one. The pending chunk's
     * writes come from memory. A dry run passes the applier that carries what its earlier chunks would have done.
     * New records take their ids from the import's {@code ids}.
     */
    @Transactional(TxType.NOT_SUPPORTED)
    public ChunkPlan planChunk(AppDefinition app, List<ImportRow> rows, Function<String, String> columnOfField,
            ChunkWrites pending, ChunkApplier dryRun, RecordIds ids) throws SQLException {
        return plan(app, rows, columnOfField, pending, dryRun, ids, false);
    }

    /**
     * {@link #planChunk} when the keys take several statements (several match rules, or more keys than one
     * statement takes): in one transaction whose reads all see one snapshot ({@link
     * RecordStore#readFromOneSnapshot}).
     */
    @Transactional(TxType.REQUIRES_NEW)
    public ChunkPlan planChunkInOneSnapshot(AppDefinition app, List<ImportRow> rows,
            Function<String, String> columnOfField, ChunkWrites pending, ChunkApplier dryRun, RecordIds ids)
            throws SQLException {
        return plan(app, rows, columnOfField, pending, dryRun, ids, true);
    }

    private ChunkPlan plan(AppDefinition app, List<ImportRow> rows, Function<String, String> columnOfField,
            ChunkWrites pending, ChunkApplier dryRun, RecordIds ids, boolean oneSnapshot) throws SQLException {
        try (Connection connection = database.connection()) {
            RecordStore store = new RecordStore(connection, ids);
            if (oneSnapshot) {
                store.readFromOneSnapshot();
            }
            ChunkApplier applier = dryRun != null ? dryRun.on(store)
                    : new ChunkApplier(app, store, columnOfField, apps::find);
            if (pending != null && dryRun == null) {
                applier.after(pending);
            }
            return applier.plan(rows, clock.instant());
        }
    }

    /**
     * Writes a planned chunk and moves the job's counters and checkpoint to its last line, all in one
     * transaction, so that after a crash the job resumes exactly after the last committed chunk. The records'
     * journal, the row errors and every row's outcome are written in the same transaction; a dry run's plan
     * writes no record, its counters, errors and outcomes are written. On PostgreSQL the job's row is locked and
     * read, and the chunk's records, journal, outcomes and counters written, in one round trip ({@link
     * Statements}); the job's state is looked at once they have run (see {@link #progressAfter}).
     */
    @Transactional(value = TxType.REQUIRES_NEW, rollbackOn = Exception.class)
    public ChunkProgress writeChunk(String jobId, String entity, ChunkPlan plan, List<RowError> conversionErrors,
            Map<Integer, List<String>> cellsByLine, int lastLine) throws SQLException {
        try (Connection connection = database.connection()) {
            RunningJobRow jobRow = new RunningJobRow(connection);
            Statements together = Statements.on(connection);
            RunningJobRow.Locked[] job = {null};
            jobRow.lock(jobId, together, locked -> job[0] = locked); // first: locked before any record is written
            plan.writes().writeTo(new RecordStore(connection), entity, jobId, together);
            List<RowError> errors = new ArrayList<>(conversionErrors);
            errors.addAll(plan.outcome().errors());
            errors.sort(Comparator.comparingInt(RowError::line));
            if (!errors.isEmpty()) { // numbering them asks the database; most chunks have none
                RowErrorStore errorStore = new RowErrorStore(connection);
                errorStore.add(jobId, errorStore.lastSeq(jobId) + 1, errors, cellsByLine::get);
            }
            List<RowOutcome> outcomes = withConversionFailures(plan.outcome().rows(), conversionErrors);
            new RowOutcomeStore(connection).add(jobId, outcomes, together);
            int failedInChunk = plan.failedRows(conversionErrors);
            jobRow.countChunk(jobId, clock.instant(), plan.outcome(), failedInChunk, lastLine, together);
            together.send();
            return progressAfter(jobId, job[0], failedInChunk);
        }
    }

    /**
     * The job's progress once the chunk's statements have run. A job that is gone or no longer running (ended
     * elsewhere) keeps nothing of the chunk: its transaction is rolled back. A job another node has claimed
     * fails the chunk.
     */
    private ChunkProgress progressAfter(String jobId, RunningJobRow.Locked job, int failedInChunk) {
        if (job == null || job.status() != ImportStatus.RUNNING) {
            transactionRegistry.setRollbackOnly();
            return job == null ? new ChunkProgress(false, false, 0)
                    : new ChunkProgress(false, job.cancelRequested(), job.failed());
        }
        if (!settings.nodeId().equals(job.claimedBy())) {
            throw new ClaimLostException(jobId, job.claimedBy());
        }
        return new ChunkProgress(true, job.cancelRequested(), job.failed() + failedInChunk);
    }

    /** The applier's outcomes plus one failed outcome per row that failed conversion, in line order. */
    private static List<RowOutcome> withConversionFailures(List<RowOutcome> applied, List<RowError> conversionErrors) {
        List<RowOutcome> outcomes = new ArrayList<>(applied);
        conversionErrors.stream().mapToInt(RowError::line).distinct()
                .forEach(line -> outcomes.add(new RowOutcome(line, RowOutcome.Kind.FAILED, null)));
        outcomes.sort(Comparator.comparingInt(RowOutcome::line));
        return outcomes;
    }

    /**
     * Queues the undo of an import, checking in the same transaction (the import's row locked) that it can be
     * undone, and marks the import as undone by it, so that two undos of one import cannot both start.
     */
    @Transactional(TxType.REQUIRES_NEW)
    public ImportJob queueUndo(String importId, String by, boolean force) {
        ImportJob imported = em.find(ImportJob.class, importId, LockModeType.PESSIMISTIC_WRITE);
        if (imported == null) {
            throw new ImportRefusedException("NOT_FOUND", "There is no import '" + importId + "'.");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        checkUndoable(imported, now);
        Instant expires = now.plus(Duration.ofDays(settings.retentionDays()));
        ImportJob undo = ImportJob.undoOf(imported, by, force, now, expires);
        em.persist(undo);
        imported.markUndoneBy(undo.id());
        return undo;
    }

    private void checkUndoable(ImportJob imported, Instant now) {
        String why = null;
        if (imported.kind() == JobKind.UNDO) {
            why = "it is itself an undo; import the file again to redo what it reverted";
        } else if (!imported.status().isFinished()) {
            why = "it is still " + imported.status() + "; cancel it or wait for its end first";
        } else if (imported.dryRun()) {
            why = "it was a dry run and changed no record";
        } else if (imported.undoneBy() != null && !undoLeftWork(imported.undoneBy())) {
            why = "it was already undone by job " + imported.undoneBy() + " without conflicts";
        } else if (!imported.expiresAt().isAfter(now)) {
            why = "its history expired at " + imported.expiresAt() + " and its journal is being removed";
        }
        if (why != null) {
            throw new ImportRefusedException("UNDO_NOT_POSSIBLE", "Import " + imported.id() + " cannot be undone: "
                    + why + ".");
        }
    }

    /**
     * An undo that left conflicts (typically followed by one with force), failed or was cancelled may be followed
     * by another, which leaves alone what the earlier one undid; one still running may not.
     */
    private boolean undoLeftWork(String undoJobId) {
        ImportJob undo = em.find(ImportJob.class, undoJobId);
        return undo == null || undo.status().isFinished() && (undo.conflicts() > 0
                || undo.status() != ImportStatus.COMPLETED);
    }

    /**
     * Undoes the next batch of the import's journal after the undo's checkpoint, with the undo's counters, its
     * conflicts (as row errors) and its checkpoint, in one transaction. Answers whether the undo goes on.
     */
    @Transactional(value = TxType.REQUIRES_NEW, rollbackOn = Exception.class)
    public UndoProgress applyUndoBatch(String undoJobId, AppDefinition app, int size) throws SQLException {
        ImportJob job = em.find(ImportJob.class, undoJobId, LockModeType.PESSIMISTIC_WRITE);
        if (job.status() != ImportStatus.RUNNING || job.cancelRequested()) {
            return UndoProgress.STOPPED;
        }
        if (!settings.nodeId().equals(job.claimedBy())) {
            throw new ClaimLostException(undoJobId, job.claimedBy());
        }
        job.beat(clock.instant());
        try (Connection connection = database.connection()) {
            List<JournalEntry> entries = new ImportJournal(connection).recordsAfter(job.undoOf(),
                    job.checkpointRecord(), size);
            if (entries.isEmpty()) {
                return UndoProgress.DONE;
            }
            Set<Long> undoneEarlier = EarlierUndos.of(connection, job.afterUndo())
                    .handled(entries.stream().map(JournalEntry::recordId).toList());
            UndoOutcome outcome = new UndoApplier(app, new RecordStore(connection), job.undoOf(), undoJobId,
                    job.undoForce()).after(undoneEarlier).apply(entries, clock.instant());
            RowErrorStore errorStore = new RowErrorStore(connection);
            errorStore.add(undoJobId, errorStore.lastSeq(undoJobId) + 1, outcome.conflicts(), line -> null);
            job.countUndoBatch(outcome.restored(), outcome.deleted(), outcome.conflicts().size(),
                    entries.get(entries.size() - 1).recordId());
        }
        return UndoProgress.GOING_ON;
    }

    /** What an undo did, in a sentence for its message; conflicts say how to go on. */
    @Transactional(TxType.REQUIRES_NEW)
    public String undoSummary(String undoJobId) {
        ImportJob undo = em.find(ImportJob.class, undoJobId);
        String summary = "Restored " + undo.restored() + " and deleted " + undo.deleted() + " records of import "
                + undo.undoOf() + ".";
        if (undo.conflicts() == 0) {
            return summary;
        }
        return summary + " Left " + undo.conflicts() + " records alone (see errors)" + (undo.undoForce() ? "."
                : "; undo the import again with force: true to revert those changed since.");
    }

    /** See {@link RecordStore#refreshStatistics}; outside the chunks' transactions, so it never holds them. */
    public void refreshStatistics(long recordsAdded) throws SQLException {
        try (Connection connection = database.connection()) {
            new RecordStore(connection).refreshStatistics(recordsAdded);
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
