package dev.intake.console.pages;

import dev.intake.domain.app.AppCatalog;
import dev.intake.domain.app.AppDefinition;
import dev.intake.domain.importing.ImportJob;
import dev.intake.domain.importing.ImportService;
import dev.intake.domain.importing.JobKind;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serializable;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;

/** An app's import history, newest first, a page at a time. */
@Named("historyPage")
@ViewScoped
public class HistoryPage implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'",
            Locale.ROOT).withZone(ZoneOffset.UTC);

    @Inject
    transient AppCatalog catalog;

    @Inject
    transient ImportService imports;

    @Inject
    transient ConsoleAccess access;

    private String entity;
    private AppDefinition app;
    private LazyDataModel<ImportJob> model;

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
        model = new HistoryTable(imports, entity);
    }

    public String time(Instant instant) {
        return instant == null ? "" : TIME.format(instant);
    }

    /** The CSS class of a status tag, so that each end has its colour. */
    public String statusClass(ImportJob job) {
        return "status-" + job.status().name().toLowerCase(Locale.ROOT);
    }

    /** The message key of the job's kind: an import, a dry run or an undo. */
    public String kindKey(ImportJob job) {
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

    /** Jobs of one app, newest first, read a page at a time. */
    static final class HistoryTable extends LazyDataModel<ImportJob> {

        private static final long serialVersionUID = 1L;

        private final transient ImportService imports;
        private final String entity;

        HistoryTable(ImportService imports, String entity) {
            this.imports = imports;
            this.entity = entity;
        }

        @Override
        public int count(Map<String, FilterMeta> filterBy) {
            return (int) imports.historySize(entity);
        }

        @Override
        public List<ImportJob> load(int first, int pageSize, Map<String, SortMeta> sortBy,
                Map<String, FilterMeta> filterBy) {
            return imports.historyAt(entity, first, pageSize);
        }

        @Override
        public String getRowKey(ImportJob job) {
            return job.id();
        }
    }
}
