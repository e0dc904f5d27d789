package dev.intake.console.pages;

import dev.intake.domain.app.AppCatalog;
import dev.intake.domain.app.AppDefinition;
import dev.intake.domain.importing.HistoryFilter;
import dev.intake.domain.importing.ImportHistory;
import dev.intake.domain.importing.ImportJob;
import dev.intake.domain.importing.ImportProgress;
import dev.intake.domain.importing.ImportStatus;
import jakarta.faces.component.UIComponent;
import jakarta.faces.context.FacesContext;
import dev.intake.domain.importing.JobKind;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.primefaces.component.datatable.DataTable;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;

/**
 * An app's import history, newest first, a page at a time, filtered by status, user and days. While an import of
 * the app is queued or running the page polls: the visible page is read again (one indexed page query) and its
 * counters and progress bars move; the total is counted only when the filter changes, never per poll.
 */
@Named("historyPage")
@ViewScoped
public class HistoryPage implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    transient AppCatalog catalog;

    @Inject
    transient ImportHistory history;

    @Inject
    transient ImportProgress progress;

    @Inject
    transient ConsoleAccess access;

    private String entity;
    private AppDefinition app;
    private HistoryTable model;
    private List<String> creators = List.of();
    private boolean anyOpen;

    private ImportStatus status;
    private String createdBy;
    private LocalDate from;
    private LocalDate to;

    /** Called by the view's viewAction once the {@code entity} parameter is set. */
    public void load() throws IOException {
        if (!access.requireHistory(entity)) {
            return;
        }
        app = catalog.find(entity).orElse(null);
        if (app == null) {
            NotFound.send("No app '" + entity + "'");
            return;
        }
        model = new HistoryTable(history, entity);
        creators = history.creators(entity);
        anyOpen = history.anyOpen(entity);
    }

    /** Applies the filter fields; the table goes back to its first page and counts again. */
    public void applyFilter() {
        model.filter(new HistoryFilter(status, createdBy, from, to));
        UIComponent table = FacesContext.getCurrentInstance().getViewRoot().findComponent("history-form:history");
        if (table instanceof DataTable dataTable) {
            dataTable.setFirst(0);
        }
    }

    public void clearFilter() {
        status = null;
        createdBy = null;
        from = null;
        to = null;
        applyFilter();
    }

    /** The poll's listener: whether to keep polling is decided again on every poll. */
    public void refresh() {
        anyOpen = history.anyOpen(entity);
    }

    public boolean isAnyOpen() {
        return anyOpen;
    }

    public String time(Instant instant) {
        return Times.format(instant);
    }

    /** The CSS class of a status tag, so that each end has its colour. */
    public String statusClass(ImportJob job) {
        return "status-" + job.status().name().toLowerCase(Locale.ROOT);
    }

    /** The share of a running job's file already committed, in percent, or -1 when there is none to show. */
    public int percent(ImportJob job) {
        return progress.percentOf(job).orElse(-1);
    }

    public List<ImportStatus> getStatuses() {
        return Arrays.asList(ImportStatus.values());
    }

    public List<String> getCreators() {
        return creators;

    }

    /** The message key of the job's kind: an import, a dry run or an undo. */
    public String kindKey(ImportJob job) {
        return kindKeyOf(job);
    }

    static String kindKeyOf(ImportJob job) {
        if (job.kind() == JobKind.UNDO) {
            return "history.kind.undo";
        }
        return job.dryRun() ? "history.kind.dryRun" : "history.kind.import";
    }

    public String getEntity() {
        return entity;
    }

    public void setEntity(String entity) {
        this.entity = entity;
    }

    public AppDefinition getApp() {
        return app;
    }

    public LazyDataModel<ImportJob> getModel() {
        return model;
    }

    public ImportStatus getStatus() {
        return status;
    }

    public void setStatus(ImportStatus status) {
        this.status = status;
    }

    public String getCreatedBy() {
        return createdBy;
    }

    public void setCreatedBy(String createdBy) {
        this.createdBy = createdBy;
    }

    public LocalDate getFrom() {
        return from;
    }

    public void setFrom(LocalDate from) {
        this.from = from;
    }

    public LocalDate getTo() {
        return to;
    }

    public void setTo(LocalDate to) {
        this.to = to;
    }

    /** Jobs of one app passing the page's filter, newest first, read a page at a time. */
    static final class HistoryTable extends LazyDataModel<ImportJob> {

        private static final long serialVersionUID = 1L;

        private final transient ImportHistory history;
        private final String entity;
        private HistoryFilter filter = HistoryFilter.NONE;
        private Long counted;

        HistoryTable(ImportHistory history, String entity) {
            this.history = history;
            this.entity = entity;
        }

        void filter(HistoryFilter newFilter) {
            filter = newFilter;
            counted = null;
        }

        /** Counted once per filter: a poll or a page turn reads a page, not the whole history again. */
        @Override
        public int count(Map<String, FilterMeta> filterBy) {
            if (counted == null) {
                counted = history.count(entity, filter);
            }
            return counted.intValue();
        }

        @Override
        public List<ImportJob> load(int first, int pageSize, Map<String, SortMeta> sortBy,
                Map<String, FilterMeta> filterBy) {
            return history.page(entity, filter, first, pageSize);
        }

        @Override
        public String getRowKey(ImportJob job) {
            return job.id();
        }
    }
}
