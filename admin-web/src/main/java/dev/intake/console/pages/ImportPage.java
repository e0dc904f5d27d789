package dev.intake.console.pages;

import dev.intake.domain.app.AppCatalog;
import dev.intake.domain.app.AppDefinition;
import dev.intake.domain.app.FieldDefinition;
import dev.intake.domain.config.IntakeSettings;
import dev.intake.domain.importing.HeaderMatcher;
import dev.intake.domain.importing.ImportJob;
import dev.intake.domain.importing.ImportOptions;
import dev.intake.domain.importing.ImportRefusedException;
import dev.intake.domain.importing.ImportRequest;
import dev.intake.domain.importing.ImportService;
import dev.intake.domain.importing.UploadStore;
import dev.intake.domain.importing.csv.CsvFormat;
import dev.intake.domain.importing.csv.CsvFormatDetector;
import dev.intake.domain.importing.csv.CsvRow;
import dev.intake.domain.importing.csv.CsvRowReader;
import jakarta.annotation.PreDestroy;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import org.primefaces.model.file.UploadedFile;

/**
 * A manual import from the browser: the file is uploaded to the upload store, its columns are reviewed and mapped
 * to the app's fields, and only the user's confirmation hands it to the same import engine the API uses. A file
 * whose review is abandoned is deleted when the view ends.
 */
@Named("importPage")
@ViewScoped
public class ImportPage implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(ImportPage.class.getName());
    private static final int SAMPLE_ROWS = 3;
    private static final String UPLOAD_FIELD = "upload-form:file";
    private static final String MAPPING_TABLE = "mapping-form:mapping";

    @Inject
    transient AppCatalog catalog;

    @Inject
    transient ImportService imports;

    @Inject
    transient UploadStore uploads;

    @Inject
    transient IntakeSettings settings;

    @Inject
    transient ConsoleAccess access;

    private String entity;
    private AppDefinition app;
    private transient UploadedFile file;

    /** Where the file waits in the upload store while it is reviewed; null when there is none. */
    private String upload;
    private String fileName;
    private List<String> header = List.of();
    private List<ColumnChoice> columns = List.of();

    /** Called by the view's viewAction once the {@code entity} parameter is set. */
    public void load() throws IOException {
        if (!access.requireImport(entity)) {
            return;
        }
        app = catalog.find(entity).orElse(null);
        if (app == null) {
            NotFound.send("No app '" + entity + "'");
        }
    }

    /** Stores the chosen file and prepares its mapping review from the header and the first rows. */
    public void receive() {
        FacesContext faces = FacesContext.getCurrentInstance();
        if (file == null || file.getFileName() == null || file.getFileName().isBlank()) {
            error(faces, UPLOAD_FIELD, Labels.text(faces, "import.noFile"));
            return;
        }
        discardUpload();
        try {
            Path stored = uploads.receive(file.getInputStream(), settings.maxUploadBytes());
            upload = stored.toString();
            fileName = Paths.get(file.getFileName()).getFileName().toString();
            review(stored);
        } catch (ImportRefusedException e) {
            discardUpload();
            error(faces, UPLOAD_FIELD, e.getMessage());
        } catch (IOException | UncheckedIOException e) {
            discardUpload();
            LOG.warning(() -> "INTAKE-301 Console upload could not be stored: " + e.getMessage());
            error(faces, UPLOAD_FIELD, Labels.text(faces, "import.unreadable"));
        }
    }

    private void review(Path stored) throws IOException {
        CsvFormat format = CsvFormatDetector.detect(stored, ImportOptions.defaults());
        List<CsvRow> samples = new ArrayList<>();
        CsvRow headerRow;
        try (CsvRowReader reader = CsvRowReader.open(stored, format)) {
            headerRow = reader.next();
            if (headerRow == null) {
                throw new ImportRefusedException("INVALID_CSV", "The file has no header line.");
            }
            for (CsvRow row = reader.next(); row != null && samples.size() < SAMPLE_ROWS; row = reader.next()) {
                samples.add(row);
            }
        }
        header = headerRow.cells();
        List<FieldDefinition> suggested = HeaderMatcher.suggest(app, headerRow);
        List<ColumnChoice> choices = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            int column = i;
            List<String> values = samples.stream().map(row -> row.cell(column)).toList();
            FieldDefinition field = suggested.get(i);
            choices.add(new ColumnChoice(i, header.get(i).replace("\uFEFF", ""), values,
                    field == null ? "" : field.name()));
        }
        columns = choices;
    }

    /**
     * Starts the import with the reviewed mapping, as the signed-in user. A mapping the engine would refuse is
     * refused here first, so that the file stays for the user to correct it.
     */
    public String start() throws IOException {
        FacesContext faces = FacesContext.getCurrentInstance();
        if (!access.requireImport(entity)) {
            return null;
        }
        if (upload == null) {
            error(faces, UPLOAD_FIELD, Labels.text(faces, "import.noFile"));
            return null;
        }
        Map<Integer, String> mapping = chosenMapping();
        try {
            HeaderMatcher.mapExplicitly(app, new CsvRow(1, header), mapping);
        } catch (ImportRefusedException e) {
            error(faces, MAPPING_TABLE, e.getMessage());
            return null;
        }
        Path stored = Paths.get(upload);
        try {
            ImportJob job = imports.accept(new ImportRequest(entity, fileName, stored, ImportOptions.defaults(),
                    access.caller().username(), mapping));
            upload = null;
            return started(faces, job);
        } catch (ImportRefusedException e) {
            // The engine removes a refused upload: the file has to be chosen again.
            upload = null;
            columns = List.of();
            error(faces, UPLOAD_FIELD, e.getMessage());
            return null;
        }
    }

    private String started(FacesContext faces, ImportJob job) {
        faces.getExternalContext().getFlash().setKeepMessages(true);
        faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO,
                Labels.text(faces, "import.started").replace("{0}", fileName), job.id()));
        if (access.canViewHistory(entity)) {
            return "/history?faces-redirect=true&entity=" + entity;
        }
        return "/index?faces-redirect=true";
    }

    /** Forgets the file under review and deletes it. */
    public void abandon() {
        discardUpload();
    }

    /** The required fields no column is mapped to; the import cannot start while there are any. */
    public List<String> getMissingRequired() {
        if (app == null || columns.isEmpty()) {
            return List.of();
        }
        List<String> mapped = columns.stream().map(ColumnChoice::getField).toList();
        return app.fields().stream().filter(f -> f.required() && !mapped.contains(f.name()))
                .map(FieldDefinition::label).toList();
    }

    private Map<Integer, String> chosenMapping() {
        Map<Integer, String> mapping = new HashMap<>();
        for (ColumnChoice column : columns) {
            if (column.isMapped()) {
                mapping.put(column.getIndex(), column.getField());
            }
        }
        return mapping;
    }

    /** A view that ends with a file still under review (left, timed out, or replaced) removes the file. */
    @PreDestroy
    void discardAbandonedUpload() {
        discardUpload();
    }

    private void discardUpload() {
        if (upload == null) {
            return;
        }
        Path stored = Paths.get(upload);
        upload = null;
        columns = List.of();
        try {
            Files.deleteIfExists(stored);
        } catch (IOException e) {
            LOG.warning(() -> "INTAKE-302 Abandoned upload " + stored + " could not be removed: " + e.getMessage());
        }
    }

    private static void error(FacesContext faces, String clientId, String text) {
        faces.addMessage(clientId, new FacesMessage(FacesMessage.SEVERITY_ERROR, text, null));
    }

    public boolean isReviewing() {
        return upload != null && !columns.isEmpty();
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

    public UploadedFile getFile() {
        return file;
    }

    public void setFile(UploadedFile file) {
        this.file = file;
    }

    public String getFileName() {
        return fileName;
    }

    public List<ColumnChoice> getColumns() {
        return columns;
    }

    /** One column of the file under review and the field the user maps it to; an empty field ignores it. */
    public static final class ColumnChoice implements Serializable {

        private static final long serialVersionUID = 1L;

        private final int index;
        private final String header;
        private final List<String> samples;
        private String field;

        ColumnChoice(int index, String header, List<String> samples, String field) {
            this.index = index;
            this.header = header;
            this.samples = List.copyOf(samples);
            this.field = field;
        }

        public int getIndex() {
            return index;
        }

        public String getHeader() {
            return header;
        }

        public List<String> getSamples() {
            return samples;
        }

        public String getField() {
            return field;
        }

        public void setField(String field) {
            this.field = field == null ? "" : field;
        }

        public boolean isMapped() {
            return !field.isEmpty();
        }
    }
}
