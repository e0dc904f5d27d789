package dev.intake.console.pages;

import dev.intake.domain.callback.CallbackDeliveries;
import dev.intake.domain.callback.CallbackStatus;
import dev.intake.domain.importing.ImportHistory;
import dev.intake.domain.importing.ImportJob;
import dev.intake.domain.importing.ImportOptions;
import dev.intake.domain.importing.ImportProgress;
import dev.intake.domain.importing.ImportRefusedException;
import dev.intake.domain.importing.ImportService;
import dev.intake.domain.importing.JobKind;
import dev.intake.domain.importing.RowError;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;

/**
 * One import in full: its counters and progress, timing, the encoding and options it was read with, why it failed
 * or stopped, its failed rows a page at a time, errors.csv, and Cancel while it runs. The page polls while the
 * import is queued or running.
 */
@Named("importDetail")
@ViewScoped
public class ImportDetailPage implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    transient ImportService imports;

    @Inject
    transient ImportHistory history;

    @Inject
    transient ImportProgress progress;

    @Inject
    transient ConsoleAccess access;

    @Inject
    transient Clock clock;

    @Inject
    transient CallbackDeliveries callbacks;

    private String id;
    private ImportJob job;
    private FailedRows failedRows;
    private CallbackStatus callback;
    private boolean forceUndo;

    /** Called by the view's viewAction once the {@code id} parameter is set. */
    public void load() throws IOException {
        job = id == null ? null : imports.find(id).orElse(null);
        if (job == null) {
            NotFound.send("No import '" + id + "'");
            return;
        }
        if (access.requireFollow(job.entity(), job.createdBy())) {
            failedRows = new FailedRows(imports, history, id);
            callback = callbacks.statusOf(id).orElse(null);
        }
    }

    /** The poll's listener: reads the job again; the page stops polling once it has ended. */
    public void refresh() {
        imports.find(id).ifPresent(found -> job = found);
        failedRows.recount();
        callback = callbacks.statusOf(id).orElse(null);
    }

    /** Asks the import to stop at its next chunk, as the API's cancelImport does. */
    public void cancel() {
        FacesContext faces = FacesContext.getCurrentInstance();
        if (!access.canImport(job.entity())) {
            FieldMessages.error(faces, "detail-form:cancel", Labels.text(faces, "detail.cancelForbidden"));
            return;
        }
        job = imports.cancel(id, access.caller().username()).orElse(job);
        FieldMessages.info(faces, "detail-form:cancel", Labels.text(faces, "detail.cancelRequested"));
    }

    /**
     * Undoes the import as the API's undoImport does, and opens the undo's own page; a refusal (still running,
     * already undone, expired) stands next to the button.
     */
    public String undo() {
        FacesContext faces = FacesContext.getCurrentInstance();
        if (!access.canImport(job.entity())) {
            FieldMessages.error(faces, "detail-form:undo", Labels.text(faces, "detail.undoForbidden"));
            return null;
        }
        try {
            ImportJob undo = imports.undo(id, forceUndo, access.caller().username());
            return "/import-detail?faces-redirect=true&id=" + undo.id();
        } catch (ImportRefusedException e) {
            FieldMessages.error(faces, "detail-form:undo", e.getMessage());
            return null;
        }
    }

    /** An ended import that wrote records, for someone who may import into its app: it can be undone. */
    public boolean isUndoable() {
        return job.kind() == JobKind.IMPORT && !job.dryRun() && job.status().isFinished()
                && job.added() + job.updated() > 0 && access.canImport(job.entity());
    }

    /** Whether results.csv has rows: an import or dry run that read rows (an undo has none). */
    public boolean isHasResults() {
        return job.kind() == JobKind.IMPORT && job.processed() > 0;
    }

    public String getKindKey() {
        return HistoryPage.kindKeyOf(job);
    }

    public boolean isForceUndo() {
        return forceUndo;
    }

    public void setForceUndo(boolean forceUndo) {
        this.forceUndo = forceUndo;
    }

    public boolean isOpen() {
        return !job.status().isFinished();
    }

    public boolean isCancellable() {
        return isOpen() && !job.cancelRequested() && access.canImport(job.entity());
    }

    public int getPercent() {
        return progress.percentOf(job).orElse(-1);
    }

    public String getStatusClass() {
        return "status-" + job.status().name().toLowerCase(Locale.ROOT);
    }

    public String time(Instant instant) {
        return Times.format(instant);
    }

    /** How long the import ran, or has been running, to the second. */
    public String getDuration() {
        if (job.startedAt() == null) {
            return "";
        }
        Instant end = job.finishedAt() == null ? clock.instant() : job.finishedAt();
        Duration took = Duration.between(job.startedAt(), end);
        return took.toMinutes() > 0 ? took.toMinutes() + " min " + took.toSecondsPart() + " s"
                : took.toSecondsPart() + "." + took.toMillisPart() / 100 + " s";
    }

    /** The options as read: delimiter, date format, number locale, unknown columns, error limit. */
    public List<Map.Entry<String, String>> getOptions() {
        ImportOptions options = job.options();
        return List.of(Map.entry("delimiter", options.delimiter() == null ? "" : describe(options.delimiter())),
                Map.entry("dateFormat", text(options.dateFormat(), "ISO-8601")),
                Map.entry("locale", text(options.locale(), "-")),
                Map.entry("ignoreUnknownColumns", Boolean.toString(options.ignoreUnknownColumns())),
                Map.entry("maxErrors", Integer.toString(options.maxErrors())));
    }

    private static String describe(char delimiter) {
        return delimiter == '\t' ? "tab" : "'" + delimiter + "'";
    }

    private static String text(String value, String otherwise) {
        return value == null || value.isBlank() ? otherwise : value;
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public ImportJob getJob() {
        return job;
    }

    /** The completion callback the import asked for, with every delivery attempt; null when it asked for none. */
    public CallbackStatus getCallback() {
        return callback;
    }

    public LazyDataModel<RowError> getFailedRows() {
        return failedRows;
    }

    /** The import's row errors in the order they failed; they are numbered, so a page is a range of numbers. */
    static final class FailedRows extends LazyDataModel<RowError> {

        private static final long serialVersionUID = 1L;

        private final transient ImportService imports;
        private final transient ImportHistory history;
        private final String jobId;
        private Integer counted;

        FailedRows(ImportService imports, ImportHistory history, String jobId) {
            this.imports = imports;
            this.history = history;
            this.jobId = jobId;
        }

        void recount() {
            counted = null;
        }

        @Override
        public int count(Map<String, FilterMeta> filterBy) {
            if (counted == null) {
                counted = history.rowErrorCount(jobId);
            }
            return counted;
        }

        @Override
        public List<RowError> load(int first, int pageSize, Map<String, SortMeta> sortBy,
                Map<String, FilterMeta> filterBy) {
            return imports.rowErrors(jobId, first, pageSize);
        }

        @Override
        public String getRowKey(RowError error) {
            return error.line() + ":" + error.column() + ":" + error.code();
        }
    }
}
