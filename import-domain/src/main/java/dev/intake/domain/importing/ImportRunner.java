package dev.intake.domain.importing;

import dev.intake.domain.app.AppCatalog;
import dev.intake.domain.app.AppDefinition;
import dev.intake.domain.callback.CallbackSender;
import dev.intake.domain.importing.csv.CsvFormat;
import dev.intake.domain.importing.csv.CsvFormatDetector;
import dev.intake.domain.importing.csv.CsvRowReader;
import dev.intake.domain.config.IntakeSettings;
import dev.intake.domain.record.MatchKeys;
import dev.intake.domain.record.RecordIds;
import dev.intake.domain.record.RecordKey;
import dev.intake.domain.record.RecordStore;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.SQLException;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs queued imports in the background on the server's managed executor: reads the stored upload again, skips
 * the rows a previous run already committed, converts the rest and applies them chunk by chunk, then ends the
 * job and removes its upload.
 */
@ApplicationScoped
public class ImportRunner {

    private static final Logger LOG = Logger.getLogger(ImportRunner.class.getName());
    private static final int CHUNK_ATTEMPTS = 3;

    /**
     * Attempts at a chunk that keeps losing races with other jobs writing the same records or keys, with a random
     * pause growing from about 50 ms to at most 2 s between them, so that the other job can move on.
     */
    private static final int CONFLICT_ATTEMPTS = 8;

    /** SQL states of a write that lost to another transaction: changed records, a taken key, a deadlock. */
    private static final Set<String> CONFLICT_STATES = Set.of("40001", "23505", "40P01");

    private static final int LOOK_FOR_WORK_SECONDS = 5;

    @Resource
    ManagedExecutorService executor;

    @Resource
    ManagedScheduledExecutorService scheduler;

    /** Gives each running import a thread that reads its file ahead; a pool could starve the imports. */
    @Resource
    ManagedThreadFactory threads;

    /** Jobs this node is running now, so that a job is never run twice at once on one node. */
    private final Set<String> running = ConcurrentHashMap.newKeySet();

    @Inject
    ImportTransactions transactions;

    @Inject
    AppCatalog apps;

    @Inject
    UploadStore uploads;

    @Inject
    IntakeSettings settings;

    @Inject
    CallbackSender callbacks;

    public void submit(String jobId) {
        executor.submit(() -> run(jobId));
    }

    /**
     * Looks every few seconds for jobs this node should run: queued ones nobody claimed, its own after a restart,
     * and those whose node fell silent. The first look is at once, which resumes what a stopped server left.
     */
    public void startLookingForWork() {
        scheduler.scheduleWithFixedDelay(this::lookForWork, 0, LOOK_FOR_WORK_SECONDS, TimeUnit.SECONDS);
    }

    private void lookForWork() {
        try {
            transactions.claimableJobs(10).stream().filter(jobId -> !running.contains(jobId)).forEach(this::submit);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "INTAKE-043 Could not look for imports to run; trying again shortly", e);
        }
    }

    /** Runs one job to its end, once this node has claimed it; safe to call again after a crash. */
    public void run(String jobId) {
        if (!running.add(jobId)) {
            return;
        }
        try {
            if (transactions.claim(jobId)) {
                runClaimed(jobId);
            }
        } finally {
            running.remove(jobId);
        }
    }

    private void runClaimed(String jobId) {
        ImportJob job = transactions.start(jobId);
        if (job == null) {
            return;
        }
        Path upload = job.uploadPath() == null ? null : Paths.get(job.uploadPath());
        try {
            Ending ending = job.kind() == JobKind.UNDO ? undo(job) : readAndApply(job, upload);
            transactions.finish(jobId, ending.status(), ending.message());
            LOG.info(() -> "INTAKE-040 Import " + jobId + " ended " + ending.status());
        } catch (ClaimLostException e) {
            LOG.warning(() -> "INTAKE-044 " + e.getMessage() + "; this node stops running it");
            return;
        } catch (ImportRefusedException e) {
            transactions.finish(jobId, ImportStatus.FAILED, e.getMessage());
            LOG.warning(() -> "INTAKE-041 Import " + jobId + " could not read on: " + e.code());
        } catch (Exception | Error e) {
            String incident = UUID.randomUUID().toString();
            LOG.log(Level.SEVERE, "INTAKE-042 Import " + jobId + " failed unexpectedly, incident " + incident, e);
            transactions.finish(jobId, ImportStatus.FAILED, "The import stopped on an internal error (incident "
                    + incident + "). Rows committed before it stay; an administrator can find the cause in the log.");
        }
        uploads.discard(upload);
        callbacks.deliverSoon();
    }

    /** Undoes the import's journal a batch of records at a time, each batch its own transaction. */
    private Ending undo(ImportJob job) throws Exception {
        AppDefinition app = apps.find(job.entity()).orElseThrow(() -> new ImportRefusedException("UNKNOWN_ENTITY",
                "App '" + job.entity() + "' no longer exists."));
        UndoProgress progress = UndoProgress.GOING_ON;
        while (progress == UndoProgress.GOING_ON) {
            progress = transactions.applyUndoBatch(job.id(), app, settings.chunkSize());
        }
        if (progress == UndoProgress.STOPPED) {
            return new Ending(ImportStatus.CANCELLED, "Cancelled; the records undone before that stay undone.");
        }
        return new Ending(ImportStatus.COMPLETED, transactions.undoSummary(job.id()));
    }

    private Ending readAndApply(ImportJob job, Path upload) throws Exception {
        AppDefinition app = apps.find(job.entity()).orElseThrow(() -> new ImportRefusedException("UNKNOWN_ENTITY",
                "App '" + job.entity() + "' no longer exists."));
        if (upload == null) {
            throw new ImportRefusedException("INVALID_CSV", "The stored upload of this import is missing.");
        }
        CsvFormat format = CsvFormatDetector.detect(upload, job.options());
        try (CsvRowReader reader = CsvRowReader.open(upload, format)) {
            HeaderMapping mapping = ImportService.mapColumns(app, reader.next(), job.options(),
                    job.columnMapping().orElse(null));
            RowConverter converter = new RowConverter(mapping, new ValueConverter(job.options()));
            return applyChunks(job, app, reader, converter, columnNames(mapping));
        }
    }

    private Ending applyChunks(ImportJob job, AppDefinition app, CsvRowReader reader, RowConverter converter,
            Function<String, String> columnOfField) throws Exception {
        int maxErrors = job.options().maxErrors();
        MatchKeys matchKeys = new MatchKeys(app);
        try (ChunkReadAhead chunks = ChunkReadAhead.start(threads, reader, converter, job.checkpointLine(),
                settings.chunkSize(), maxErrors - job.failed(), chunk -> withMatchKeys(chunk, matchKeys));
                ChunkWriter writer = ChunkWriter.start(threads)) {
            ChunkApplier dryRun = job.dryRun() ? dryRunApplier(app, columnOfField) : null;
            Pipeline pipeline = new Pipeline(job, app, columnOfField, writer, dryRun);
            for (RowChunk chunk = chunks.next(); chunk != null; chunk = chunks.next()) {
                Ending ending = pipeline.planAndHandOver(chunk);
                if (ending != null) {
                    return ending;
                }
            }
            return pipeline.lastChunkWritten();
        }
    }

    /**
     * Gives the chunk's rows their match keys on the thread reading the file: a row's keys depend on its values
     * alone, and the thread planning the chunks sets the pace of the import.
     */
    private static void withMatchKeys(RowChunk chunk, MatchKeys matchKeys) {
        chunk.rows.replaceAll(row -> row.withKeys(matchKeys.recordKeys(row.values())));
        // A key's text is new for every row, and a String computes its hash when first asked, then keeps it: asked
        // here, the planning thread finds every key's hash ready in the sets and maps it builds of the keys.
        chunk.rows.forEach(row -> row.keys().forEach(RecordKey::hashCode));
    }

    /** A dry run's applier lives across all chunks: it carries what earlier chunks would have done. */
    private ChunkApplier dryRunApplier(AppDefinition app, Function<String, String> columnOfField) {
        return new ChunkApplier(app, null, columnOfField, apps::find).dryRun();
    }

    /**
     * How the job ends if it must stop after a chunk committed up to the given line, else null. A dry run's
     * messages do not speak of committed rows: it writes no records.
     */
    private static Ending endingAfter(ChunkProgress progress, int lastLine, int maxErrors, boolean dryRun) {
        if (!progress.stillRunning() || progress.cancelRequested()) {
            return new Ending(ImportStatus.CANCELLED, "Cancelled at line " + lastLine
                    + (dryRun ? "; a dry run writes no records." : "; the rows committed before that stay imported."));
        }
        if (progress.failed() >= maxErrors) {
            return new Ending(ImportStatus.FAILED, "Stopped after " + progress.failed()
                    + (progress.failed() == 1 ? " failed row" : " failed rows") + " (maxErrors is " + maxErrors
                    + "). " + (dryRun ? "A dry run writes no records: correct the file and run it again."
                            : "Correct the file and import it again; the rows committed so far stay imported."));
        }
        return null;
    }

    /**
     * An import's chunks, planned one ahead of the database: the import's thread plans chunk n + 1 (reads and
     * decisions) while the writer's thread commits chunk n, then waits for that commit before handing chunk n + 1
     * over, so the two overlap and the chunks still commit in file order. A chunk whose rows use up
     * {@code maxErrors} is cut after the row that does, and planned again on what is committed. A write that
     * fails (a race with another import for a key, an undo deleting a record) is planned and written again on
     * what is committed, with retries, and the chunk planned on top of it is planned again. A dry run's chunks
     * write no records; its plans, which build on its applier's memory, are neither repeated nor retried.
     */
    private final class Pipeline {
        private final ImportJob job;
        private final AppDefinition app;
        private final Function<String, String> columnOfField;
        private final ChunkWriter writer;
        private final ChunkApplier dryRun;
        private final int maxErrors;
        /** Failed rows of the committed chunks. */
        private int committedFailed;
        /** Failed rows of the chunk being written, as planned. */
        private int pendingFailed;
        private int committed;
        /** Records created by the chunks handed over, for the statistics. */
        private long recordsAdded;
        private boolean writtenAgain;
        private boolean statisticsDue;
        /** The import's block of new record ids, which a chunk leaves to the next one unless it used it up. */
        private final RecordIds recordIds = RecordIds.forImport();

        Pipeline(ImportJob job, AppDefinition app, Function<String, String> columnOfField, ChunkWriter writer,
                ChunkApplier dryRun) {
            this.job = job;
            this.app = app;
            this.columnOfField = columnOfField;
            this.writer = writer;
            this.dryRun = dryRun;
            this.maxErrors = job.options().maxErrors();
            this.committedFailed = job.failed();
        }

        /** Plans the chunk, waits for the one before, hands this one to the writer; an ending stops the job. */
        Ending planAndHandOver(RowChunk chunk) throws Exception {
            if (chunk.failedRows() >= allowed()) {
                Ending ending = awaitWritten(); // trimming the chunk needs the exact count of failed rows
                if (ending != null) {
                    return ending;
                }
            }
            chunk.trimToErrorsAllowed(allowed());
            ChunkPlan plan = plan(chunk, writer.pending());
            Ending ending = awaitWritten();
            if (ending != null) {
                return ending;
            }
            handOver(chunk, withinErrorLimit(chunk, writtenAgain ? plan(chunk, null) : plan));
            if (statisticsDue) {
                statisticsDue = false;
                long added = recordsAdded;
                executor.submit(() -> refreshStatistics(added)); // beside the import: it takes a while
            }
            return null;
        }

        /** How the job ends once the last chunk is written. */
        Ending lastChunkWritten() throws Exception {
            Ending ending = awaitWritten();
            return ending != null ? ending : new Ending(ImportStatus.COMPLETED, null);
        }

        private int allowed() {
            return maxErrors - committedFailed - pendingFailed;
        }

        private ChunkPlan plan(RowChunk chunk, ChunkWrites pending) throws SQLException {
            return RecordStore.looksUpInOneStatement(app.matchRules().size(), chunk.rows.size())
                    ? transactions.planChunk(app, chunk.rows, columnOfField, pending, dryRun, recordIds)
                    : transactions.planChunkInOneSnapshot(app, chunk.rows, columnOfField, pending, dryRun, recordIds);
        }

        /** The plan, or when its rows fail more than allowed, the plan of the rows up to the one that reaches it. */
        private ChunkPlan withinErrorLimit(RowChunk chunk, ChunkPlan plan) throws SQLException {
            OptionalInt lastLine = plan.lineReachingLimit(chunk.errors, allowed());
            if (lastLine.isEmpty() || lastLine.getAsInt() >= chunk.lastLine()) {
                return plan;
            }
            chunk.dropAfter(lastLine.getAsInt());
            return dryRun != null ? plan.upTo(lastLine.getAsInt()) : plan(chunk, null);
        }

        private void handOver(RowChunk chunk, ChunkPlan plan) {
            pendingFailed = plan.failedRows(chunk.errors);
            recordsAdded += plan.writes().inserts().size();
            writer.submit(chunk, plan, () -> transactions.writeChunk(job.id(), app.entity(), plan, chunk.errors,
                    chunk.cellsByLine, chunk.lastLine()));
        }

        /** Waits for the chunk being written, if any; answers how the job ends if it must stop after it. */
        private Ending awaitWritten() throws Exception {
            ChunkWriter.Written written = writer.await();
            writtenAgain = false;
            if (written == null) {
                return null;
            }
            pendingFailed = 0;
            ChunkProgress progress = written.failure() == null ? written.progress() : writeAgain(written);
            statisticsDue = isPowerOfTen(++committed);
            committedFailed = progress.failed();
            return endingAfter(progress, written.chunk().lastLine(), maxErrors, dryRun != null);
        }

        /**
         * A chunk can lose a race with another job: an import creating the same key (the unique constraint rolls
         * it back, and planning it again finds that record and updates it), or a job writing a record the chunk
         * updates since its plan read it (planning it again lays the rows over that job's values). Such losses are
         * tried again after a pause, other failures at once. A dry run writes nothing, so it loses no race; its
         * applier's memory would not match a repeated plan, so it is not retried.
         */
        private ChunkProgress writeAgain(ChunkWriter.Written failed) throws Exception {
            rethrowIfClaimLost(failed.failure());
            if (dryRun != null) {
                throw failed.failure();
            }
            writtenAgain = true;
            RowChunk chunk = failed.chunk();
            LOG.log(Level.FINE, failed.failure(), () -> "Chunk of import " + job.id() + " planned and written again");
            Exception last = failed.failure();
            for (int attempt = 1;; attempt++) {
                if (isConflict(last)) {
                    Thread.sleep(backoff(attempt));
                }
                try {
                    ChunkPlan plan = withinErrorLimit(chunk, plan(chunk, null));
                    return transactions.writeChunk(job.id(), app.entity(), plan, chunk.errors, chunk.cellsByLine,
                            chunk.lastLine());
                } catch (Exception e) {
                    rethrowIfClaimLost(e);
                    last = e;
                    if (isConflict(e) ? attempt >= CONFLICT_ATTEMPTS : attempt >= CHUNK_ATTEMPTS) {
                        throw isConflict(e) ? keptLosing(chunk, attempt + 1) : e;
                    }
                }
            }
        }

        private ImportRefusedException keptLosing(RowChunk chunk, int attempts) {
            return new ImportRefusedException("CONCURRENT_CHANGES", "Other jobs kept changing the records (or taking"
                    + " the keys) that lines " + chunk.firstLine() + "-" + chunk.lastLine() + " update, in "
                    + attempts + " attempts to write them. The rows before line " + chunk.firstLine() + " stay"
                    + " imported; import the file again once the other imports or undos into " + app.entity()
                    + " have ended.");
        }
    }

    /** Whether the failure is a write that lost to another transaction, worth trying again after a pause. */
    private static boolean isConflict(Throwable thrown) {
        for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && CONFLICT_STATES.contains(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** A random pause of about 50 ms doubling with each attempt, at most 2 s, so that racing jobs drift apart. */
    private static long backoff(int attempt) {
        long base = Math.min(2000, 50L << Math.min(attempt - 1, 6));
        return base / 2 + ThreadLocalRandom.current().nextLong(base);
    }

    private static void rethrowIfClaimLost(Throwable thrown) {
        for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
            if (cause instanceof ClaimLostException lost) {
                throw lost;
            }
        }
    }

    /** See {@link RecordStore#refreshStatistics}: figures for the planner, so a failure only costs speed. */
    private void refreshStatistics(long recordsAdded) {
        try {
            transactions.refreshStatistics(recordsAdded);
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.WARNING, "INTAKE-045 Could not refresh the database statistics of the record tables", e);
        }
    }

    /**
     * Chunks 1, 10, 100, ...: an import into an empty table has grown it tenfold since the statistics were last
     * refreshed; the store refreshes them only if they are stale.
     */
    private static boolean isPowerOfTen(int count) {
        int rest = count;
        while (rest % 10 == 0) {
            rest /= 10;
        }
        return rest == 1;
    }

    private static Function<String, String> columnNames(HeaderMapping mapping) {
        return mapping::columnOf;
    }

    /** How a job ends: its final status and the message that says why, if any. */
    private record Ending(ImportStatus status, String message) {
    }
}
