package dev.intake.console.pages;

import dev.intake.domain.app.AppCatalog;
import dev.intake.domain.app.AppDefinition;
import dev.intake.domain.app.FieldDefinition;
import dev.intake.domain.record.RecordService;
import dev.intake.domain.record.StoredRecord;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;

/** An app's page: its records, loaded a page at a time, and the way to its imports. */
@Named("appPage")
@ViewScoped
public class AppPage implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    transient AppCatalog catalog;

    @Inject
    transient RecordService records;

    @Inject
    transient ConsoleAccess access;

    private String entity;
    private AppDefinition app;
    private LazyDataModel<StoredRecord> model;

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
        model = new RecordTable(records, entity);
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

    public List<FieldDefinition> getFields() {
        return app == null ? List.of() : app.fields();
    }

    public LazyDataModel<StoredRecord> getModel() {
        return model;
    }

    /** Records in creation order, read a page at a time straight from the store. */
    static final class RecordTable extends LazyDataModel<StoredRecord> {

        private static final long serialVersionUID = 1L;

        private final transient RecordService records;
        private final String entity;

        RecordTable(RecordService records, String entity) {
            this.records = records;
            this.entity = entity;
        }

        @Override
        public int count(Map<String, FilterMeta> filterBy) {
            return (int) records.count(entity);
        }

        @Override
        public List<StoredRecord> load(int first, int pageSize, Map<String, SortMeta> sortBy,
                Map<String, FilterMeta> filterBy) {
            return records.pageAt(entity, first, pageSize);
        }

        @Override
        public String getRowKey(StoredRecord record) {
            return Long.toString(record.id());
        }
    }
}
