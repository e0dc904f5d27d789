package dev.intake.domain.importing;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * One import of one file into one app, from acceptance to its end, and the history entry that stays afterwards
 * until {@code expiresAt}.
 *
 * <p>Life cycle: created {@link ImportStatus#QUEUED} once the header has been checked and the upload stored;
 * {@link ImportStatus#RUNNING} while chunks of rows are applied; then {@code COMPLETED} (with or without failed
 * rows), {@code FAILED} (the file could not be read on; {@code message} says why) or {@code CANCELLED}.
 *
 * <p>Invariant: {@code processed = added + updated + failed} at every commit. The counters and
 * {@code checkpointLine} (the last physical line whose row is committed) move in the same transaction as the
 * records they count, which is what lets a job resume after a crash without losing or repeating a row.
 * {@code unchanged} counts the updated rows that changed no value.
 *
 * <p>A dry run ({@code dryRun}) counts what the import would do and writes no record. A job of kind
 * {@link JobKind#UNDO} undoes the import named by {@code undoOf}: it restores {@code restored} records, deletes
 * {@code deleted} and leaves {@code conflicts} alone; as counters, {@code updated = restored + deleted} and
 * {@code failed = conflicts}, so the invariant holds for undo jobs too. An undone import names its undo in
 * {@code undoneBy}.
 */
@Entity
@Table(name = "import_job")
public class ImportJob {

    @Id
    @Column(name = "id", length = 36)
    private String id;

    @Column(name = "entity", nullable = false)
    private String entity;

    @Column(name = "file_name", nullable = false)
    private String fileName;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", nullable = false)
    private ImportStatus status;

    @Column(name = "processed", nullable = false)
    private int processed;

    @Column(name = "added", nullable = false)
    private int added;

    @Column(name = "updated", nullable = false)
    private int updated;

    @Column(name = "failed", nullable = false)
    private int failed;

    @Column(name = "created_by", nullable = false)
    private String createdBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "started_at")
    private Instant startedAt;

    @Column(name = "finished_at")
    private Instant finishedAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    @Column(name = "encoding")
    private String encoding;

    @Column(name = "delimiter_char")
    private String delimiter;

    @Column(name = "date_format")
    private String dateFormat;

    @Column(name = "locale_tag")
    private String locale;

    @Column(name = "ignore_unknown", nullable = false)
    private boolean ignoreUnknownColumns;

    @Column(name = "max_errors", nullable = false)
    private int maxErrors;

    @Column(name = "message", length = 4000)
    private String message;

    @Column(name = "checkpoint_line", nullable = false)
    private int checkpointLine;

    @Column(name = "upload_path", length = 1000)
    private String uploadPath;

    @Column(name = "cancel_requested", nullable = false)
    private boolean cancelRequested;

    /** The node running the job, if any; see {@link ImportTransactions#claim}. */
    @Column(name = "claimed_by", length = 200)
    private String claimedBy;

    @Column(name = "heartbeat_at")
    private Instant heartbeatAt;

    /** The file's header line as a JSON array of cells, for giving failed rows back under it. */
    @Column(name = "header_cells")
    private String headerCells;

    /** The column mapping a person chose, as a JSON array of field names by column (null: ignored). */
    @Column(name = "column_mapping")
    private String columnMapping;

    /** The key the client sent so that resubmitting the request answers this job; unique per user. */
    @Column(name = "idempotency_key", length = 200)
    private String idempotencyKey;

    /** Where the finished job is posted, if the client asked; see the callback package. */
    @Column(name = "callback_url", length = 2000)
    private String callbackUrl;

    /** The token whose callback secret signs the callback. */
    @Column(name = "callback_token_id", length = 36)
    private String callbackTokenId;

    @Column(name = "dry_run", nullable = false)
    private boolean dryRun;

    @Column(name = "unchanged", nullable = false)
    private int unchanged;

    @Enumerated(EnumType.STRING)
    @Column(name = "kind", nullable = false)
    private JobKind kind = JobKind.IMPORT;

    @Column(name = "undo_of", length = 36)
    private String undoOf;

    @Column(name = "undone_by", length = 36)
    private String undoneBy;

    @Column(name = "undo_force", nullable = false)
    private boolean undoForce;

    /** For an undo that follows an earlier undo of the same import: that undo, whose records count as undone. */
    @Column(name = "after_undo", length = 36)
    private String afterUndo;

    @Column(name = "restored", nullable = false)
    private int restored;

    @Column(name = "deleted", nullable = false)
    private int deleted;

    @Column(name = "conflicts", nullable = false)
    private int conflicts;

    /** For an undo: the last journalled record id it handled, committed with the records it changed. */
    @Column(name = "checkpoint_record", nullable = false)
    private long checkpointRecord;

    protected ImportJob() {
    }

    /** A new queued job for a stored upload whose header has been accepted. */
    public ImportJob(String entity, String fileName, String createdBy, ImportOptions options, String encoding,
            Instant now, Instant expiresAt) {
        this.id = UUID.randomUUID().toString();
        this.entity = entity;
        this.fileName = fileName;
        this.status = ImportStatus.QUEUED;
        this.createdBy = createdBy;
        this.createdAt = now;
        this.expiresAt = expiresAt;
        this.encoding = encoding;
        this.delimiter = options.delimiter() == null ? null : options.delimiter().toString();
        this.dateFormat = options.dateFormat();
        this.locale = options.locale();
        this.ignoreUnknownColumns = options.ignoreUnknownColumns();
        this.maxErrors = options.maxErrors();
        this.dryRun = options.dryRun();
    }

    /** A queued job that undoes {@code imported}; {@code force} also reverts records changed since. */
    static ImportJob undoOf(ImportJob imported, String by, boolean force, Instant now, Instant expiresAt) {
        ImportJob undo = new ImportJob(imported.entity, imported.fileName, by, ImportOptions.defaults(), null, now,
                expiresAt);
        undo.kind = JobKind.UNDO;
        undo.undoOf = imported.id;
        undo.undoForce = force;
        undo.afterUndo = imported.undoneBy;
        return undo;
    }

    /** The options the job was queued with, to read the file again exactly the same way. */
    public ImportOptions options() {
        Character delimiterChar = delimiter == null || delimiter.isEmpty() ? null : delimiter.charAt(0);
        return new ImportOptions(delimiterChar, encoding, dateFormat, locale, ignoreUnknownColumns, maxErrors,
                dryRun);
    }

    void start(Instant now) {
        status = ImportStatus.RUNNING;
        if (startedAt == null) {
            startedAt = now;
        }
    }

    void countChunk(ChunkOutcome outcome, int failedInChunk, int lastLine) {
        added += outcome.added();
        updated += outcome.updated();
        unchanged += outcome.unchanged();
        failed += failedInChunk;
        processed = added + updated + failed;
        checkpointLine = lastLine;
    }

    /** An undo's batch of journalled records, committed with the records it restored and deleted. */
    void countUndoBatch(int restoredInBatch, int deletedInBatch, int conflictsInBatch, long lastRecord) {
        restored += restoredInBatch;
        deleted += deletedInBatch;
        conflicts += conflictsInBatch;
        updated = restored + deleted;
        failed = conflicts;
        processed = updated + failed;
        checkpointRecord = lastRecord;
    }

    /** A dry run cannot resume from a checkpoint (what it would have created is gone with its memory). */
    void startOver() {
        added = 0;
        updated = 0;
        unchanged = 0;
        failed = 0;
        processed = 0;
        checkpointLine = 0;
    }

    void markUndoneBy(String undoJobId) {
        undoneBy = undoJobId;
    }

    void beat(Instant now) {
        heartbeatAt = now;
    }

    /** The node that holds the job, or null when none does. */
    public String claimedBy() {
        return claimedBy;
    }

    void finish(ImportStatus end, String why, Instant now) {
        status = end;
        message = why;
        finishedAt = now;
        uploadPath = null;
    }

    void recordHeader(List<String> cells) {
        headerCells = CellsJson.encode(cells);
    }

    /** The cells of the file's header line as read. */
    public List<String> headerCells() {
        return headerCells == null ? List.of() : CellsJson.decode(headerCells);
    }

    void recordColumnMapping(Map<Integer, String> mapping, int columns) {
        if (mapping == null) {
            return;
        }
        List<String> byColumn = new ArrayList<>();
        for (int i = 0; i < columns; i++) {
            byColumn.add(mapping.get(i));
        }
        columnMapping = CellsJson.encode(byColumn);
    }

    /** The chosen mapping by column index, or empty when the header's names decide. */
    public Optional<Map<Integer, String>> columnMapping() {
        if (columnMapping == null) {
            return Optional.empty();
        }
        List<String> byColumn = CellsJson.decode(columnMapping);
        Map<Integer, String> mapping = new HashMap<>();
        for (int i = 0; i < byColumn.size(); i++) {
            if (!byColumn.get(i).isEmpty()) {
                mapping.put(i, byColumn.get(i));
            }
        }
        return Optional.of(mapping);
    }

    void askFollowUp(ImportFollowUp followUp) {
        idempotencyKey = followUp.idempotencyKey();
        callbackUrl = followUp.callbackUrl();
        callbackTokenId = followUp.callbackUrl() == null ? null : followUp.callbackTokenId();
    }

    void requestCancel() {
        cancelRequested = true;
    }

    void storeUploadAt(String path) {
        uploadPath = path;
    }

    public String id() {
        return id;
    }

    public String entity() {
        return entity;
    }

    public String fileName() {
        return fileName;
    }

    public ImportStatus status() {
        return status;
    }

    public int processed() {
        return processed;
    }

    public int added() {
        return added;
    }

    public int updated() {
        return updated;
    }

    public int failed() {
        return failed;
    }

    public String createdBy() {
        return createdBy;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public Instant finishedAt() {
        return finishedAt;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public String encoding() {
        return encoding;
    }

    public String message() {
        return message;
    }

    public int checkpointLine() {
        return checkpointLine;
    }

    public String uploadPath() {
        return uploadPath;
    }

    public boolean cancelRequested() {
        return cancelRequested;
    }

    public String idempotencyKey() {
        return idempotencyKey;
    }

    public String callbackUrl() {
        return callbackUrl;
    }

    public String callbackTokenId() {
        return callbackTokenId;

    }

    public boolean dryRun() {
        return dryRun;
    }

    public int unchanged() {
        return unchanged;
    }

    public JobKind kind() {
        return kind;
    }

    /** For an undo: the import it undoes. */
    public String undoOf() {
        return undoOf;
    }

    /** For an undone import: the undo job that undid it. */
    public String undoneBy() {
        return undoneBy;
    }

    /** For an undo that follows an earlier undo of the same import: that undo. */
    public String afterUndo() {
        return afterUndo;
    }

    public boolean undoForce() {
        return undoForce;
    }

    public int restored() {
        return restored;
    }

    public int deleted() {
        return deleted;
    }

    public int conflicts() {
        return conflicts;
    }

    public long checkpointRecord() {
        return checkpointRecord;
    }
}
