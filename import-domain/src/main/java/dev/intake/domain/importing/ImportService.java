package dev.intake.domain.importing;

import dev.intake.domain.access.AccessService;
import dev.intake.domain.app.AppCatalog;
import dev.intake.domain.app.AppDefinition;
import dev.intake.domain.callback.CallbackAddress;
import dev.intake.domain.callback.CallbackHostSettings;
import dev.intake.domain.callback.CallbackSender;
import dev.intake.domain.callback.InvalidCallbackException;
import dev.intake.domain.config.IntakeSettings;
import dev.intake.domain.importing.csv.CsvFormat;
import dev.intake.domain.importing.csv.CsvFormatDetector;
import dev.intake.domain.importing.csv.CsvRow;
import dev.intake.domain.importing.csv.CsvRowReader;
import dev.intake.domain.config.Database;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Accepts imports and answers for them. Accepting checks the file's header against the app before anything is
 * written: a header that does not fit refuses the request and leaves no job and no record behind. An accepted
 * import is stored as a queued job and runs in the background.
 */
@ApplicationScoped
public class ImportService {

    private static final Logger LOG = Logger.getLogger(ImportService.class.getName());

    @Inject
    AppCatalog apps;

    @Inject
    ImportTransactions transactions;

    @Inject
    ImportRunner runner;

    @Inject
    UploadStore uploads;

    @Inject
    IntakeSettings settings;

    @Inject
    Clock clock;

    @PersistenceContext(unitName = "intake")
    EntityManager em;

    @Inject
    Database database;

    @Inject
    CallbackHostSettings callbackHosts;

    @Inject
    CallbackSender callbackSender;

    @Inject
    AccessService access;

    /** Checks the upload's header, queues the job and starts it; the upload belongs to the job from then on. */
    public ImportJob accept(ImportRequest request) {
        return accept(request, ImportFollowUp.none());
    }

    /**
     * As {@link #accept(ImportRequest)}, with what an API client asks beyond the import. A user's request with an
     * idempotency key they already used answers the job started then and discards this upload, unless that job
     * imported into another app or differs from this request in being a dry run, which is refused. A callback
     * must reach an allowed host and needs a token with a callback secret; a file name longer than
     * {@value ImportRequest#MAX_FILE_NAME_LENGTH} characters is refused; otherwise nothing is stored.
     */
    public ImportJob accept(ImportRequest request, ImportFollowUp followUp) {
        try {
            checkFileName(request.fileName());
            checkIdempotencyKey(followUp.idempotencyKey());
            Optional<ImportJob> earlier = earlierJob(request, followUp.idempotencyKey());
            if (earlier.isPresent()) {
                uploads.discard(request.upload());
                LOG.info(() -> "INTAKE-051 Import resubmitted with a known idempotency key: answered "
                        + earlier.get().id());
                return earlier.get();
            }
            checkCallback(followUp);
            AppDefinition app = apps.find(request.entity()).orElseThrow(() -> unknownEntity(request.entity()));
            new ValueConverter(request.options());
            CsvFormat format = CsvFormatDetector.detect(request.upload(), request.options());
            CsvRow header = checkHeader(app, request, format);
            return queue(request, followUp, format, header);
        } catch (RuntimeException e) {
            uploads.discard(request.upload());
            throw e;
        }
    }

    private static void checkFileName(String fileName) {
        if (fileName.length() > ImportRequest.MAX_FILE_NAME_LENGTH) {
            throw new ImportRefusedException("INVALID_INPUT", "'file' must be at most "
                    + ImportRequest.MAX_FILE_NAME_LENGTH + " characters; got " + fileName.length() + ".");
        }
    }

    private static void checkIdempotencyKey(String key) {
        if (key == null) {
            return;
        }
        if (key.isBlank() || key.length() > ImportFollowUp.MAX_KEY_LENGTH) {
            throw new ImportRefusedException("INVALID_OPTION", "'idempotencyKey' must be 1 to "
                    + ImportFollowUp.MAX_KEY_LENGTH + " characters and not blank; got " + key.length()
                    + " characters. A UUID per logical import works well.");
        }
    }

    /** The job this user started with the same key, if any; one into another app refuses the request. */
    private Optional<ImportJob> earlierJob(ImportRequest request, String key) {
        if (key == null) {
            return Optional.empty();
        }
        Optional<ImportJob> earlier = transactions.findByIdempotencyKey(request.requestedBy(), key);
        if (earlier.isPresent() && !earlier.get().entity().equals(request.entity())) {
            throw new ImportRefusedException("IDEMPOTENCY_KEY_REUSED", "Idempotency key '" + key + "' was already"
                    + " used for import " + earlier.get().id() + " into '" + earlier.get().entity() + "', not '"
                    + request.entity() + "'. Use a new key for a different import.");
        }
        if (earlier.isPresent() && earlier.get().dryRun() != request.options().dryRun()) {
            throw new ImportRefusedException("IDEMPOTENCY_KEY_REUSED", "Idempotency key '" + key + "' was already"
                    + " used for import " + earlier.get().id() + ", which " + (earlier.get().dryRun() ? "was"
                    : "was not") + " a dry run. Use a new key for " + (request.options().dryRun()
                    ? "a dry run." : "the real import."));
        }
        return earlier;
    }

    private void checkCallback(ImportFollowUp followUp) {
        if (followUp.callbackUrl() == null) {
            return;
        }
        CallbackAddress address;
        try {
            address = CallbackAddress.parse(followUp.callbackUrl());
        } catch (InvalidCallbackException e) {
            throw new ImportRefusedException("INVALID_OPTION", e.getMessage());
        }
        if (!callbackHosts.allowedHosts().allows(address.host())) {
            throw new ImportRefusedException("CALLBACK_NOT_ALLOWED", "Callbacks may not reach host '"
                    + address.host() + "': it is not among the allowed callback hosts. An administrator adds it"
                    + " with the setCallbackHosts mutation (the list is first seeded from INTAKE_CALLBACK_HOSTS).");
        }
        if (access.callbackSecret(followUp.callbackTokenId()).isEmpty()) {
            throw new ImportRefusedException("INVALID_OPTION", "The token of this request has no callback secret to"
                    + " sign with (the bootstrap token and tokens older than callbacks have none). Create a token"
                    + " with createToken and use it for imports with a callbackUrl.");
        }
    }

    private static CsvRow checkHeader(AppDefinition app, ImportRequest request, CsvFormat format) {
        try (CsvRowReader reader = CsvRowReader.open(request.upload(), format)) {
            CsvRow header = reader.next();
            if (header == null) {
                throw new ImportRefusedException("INVALID_CSV", "The file has no header line.");
            }
            mapColumns(app, header, request.options(), request.columnMapping());
            return header;
        } catch (IOException e) {
            throw new ImportRefusedException("INVALID_CSV", "The file could not be read: " + e.getMessage());
        }
    }

    /** The header's names decide, unless a person chose the mapping column by column. */
    static HeaderMapping mapColumns(AppDefinition app, CsvRow header, ImportOptions options,
            Map<Integer, String> chosen) {
        return chosen == null ? HeaderMatcher.match(app, header, options.ignoreUnknownColumns())
                : HeaderMatcher.mapExplicitly(app, header, chosen);
    }

    private ImportJob queue(ImportRequest request, ImportFollowUp followUp, CsvFormat format, CsvRow header) {
        ImportOptions asRead = new ImportOptions(format.delimiter(), format.charset().name(),
                request.options().dateFormat(), request.options().locale(),
                request.options().ignoreUnknownColumns(), request.options().maxErrors())
                .withDryRun(request.options().dryRun());
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Instant expires = now.plus(Duration.ofDays(settings.retentionDays()));
        ImportJob job = new ImportJob(request.entity(), request.fileName(), request.requestedBy(), asRead,
                format.charset().name(), now, expires);
        job.recordHeader(header.cells());
        job.recordColumnMapping(request.columnMapping(), header.size());
        job.askFollowUp(followUp);
        Path stored = uploads.keepFor(job.id(), request.upload());
        job.storeUploadAt(stored.toString());
        try {
            transactions.queue(job);
        } catch (RuntimeException e) {
            uploads.discard(stored);
            return winnerOfRace(request, followUp.idempotencyKey()).orElseThrow(() -> e);
        }
        runner.submit(job.id());
        LOG.info(() -> "INTAKE-050 Import " + job.id() + " queued into " + job.entity() + " by " + job.createdBy());
        return job;
    }

    /**
     * A request that lost a race with another carrying the same idempotency key fails on the unique key of
     * (user, key): the job that won is the answer to both. Known shortcoming: the JPA provider and the transaction
     * manager log that violation as a warning with a stack trace before it reaches this point (README, Limitations).
     */
    private Optional<ImportJob> winnerOfRace(ImportRequest request, String key) {
        return earlierJob(request, key);
    }

    /** Asks a job to stop at its next chunk; what was committed stays. */
    public Optional<ImportJob> cancel(String jobId, String by) {
        ImportJob job = transactions.requestCancel(jobId, by);
        if (job != null && job.status() == ImportStatus.CANCELLED) {
            uploads.discard(settings.uploadDirectory().resolve(jobId + ".csv"));
            callbackSender.deliverSoon();
        }
        return Optional.ofNullable(job);
    }

    /**
     * Undoes an import: deletes the records it created and restores the values it changed, leaving alone (as
     * conflicts) the records changed since, unless {@code force}. The undo is a job of the history; one whose
     * journal fits in a chunk runs before this answers, a larger one in the background like an import.
     *
     * @throws ImportRefusedException {@code NOT_FOUND}, or {@code UNDO_NOT_POSSIBLE} saying why
     */
    public ImportJob undo(String importId, boolean force, String by) {
        ImportJob undo = transactions.queueUndo(importId, by, force);
        LOG.info(() -> "INTAKE-051 Undo " + undo.id() + " of import " + importId + " queued by " + by);
        if (!journalHoldsMoreThan(importId, settings.chunkSize())) {
            runner.run(undo.id());
            return find(undo.id()).orElse(undo);
        }
        runner.submit(undo.id());
        return undo;
    }

    private boolean journalHoldsMoreThan(String importId, int records) {
        try (Connection connection = database.connection()) {
            return new ImportJournal(connection).holdsMoreThan(importId, records);
        } catch (SQLException e) {
            throw new IllegalStateException("The journal of import " + importId + " could not be read", e);
        }
    }

    @Transactional
    public Optional<ImportJob> find(String jobId) {
        return Optional.ofNullable(em.find(ImportJob.class, jobId));
    }

    /** A page of an app's history, newest first, after the job named by the cursor. */
    @Transactional
    public List<ImportJob> history(String entity, HistoryCursor after, int size) {
        String where = after == null ? "" : " and (j.createdAt < :at or (j.createdAt = :at and j.id < :id))";
        TypedQuery<ImportJob> query = em.createQuery("select j from ImportJob j where j.entity = :entity" + where
                + " order by j.createdAt desc, j.id desc", ImportJob.class).setParameter("entity", entity);
        if (after != null) {
            query.setParameter("at", after.createdAt()).setParameter("id", after.jobId());
        }
        return query.setMaxResults(size).getResultList();
    }

    @Transactional
    public long historySize(String entity) {
        return em.createQuery("select count(j) from ImportJob j where j.entity = :entity", Long.class)
                .setParameter("entity", entity).getSingleResult();
    }

    /** Failed rows of a job in the order they failed, after the given sequence number. */
    public List<RowError> rowErrors(String jobId, int afterSeq, int first) {
        try (Connection connection = database.connection()) {
            return new RowErrorStore(connection).page(jobId, afterSeq, first);
        } catch (SQLException e) {
            throw new IllegalStateException("Row errors of import " + jobId + " could not be read", e);
        }
    }

    private static ImportRefusedException unknownEntity(String entity) {
        return new ImportRefusedException("UNKNOWN_ENTITY", "There is no app '" + entity + "'.");
    }
}
