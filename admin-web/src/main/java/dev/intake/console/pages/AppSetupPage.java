package dev.intake.console.pages;

import dev.intake.domain.app.AppCatalog;
import dev.intake.domain.app.AppDefinition;
import dev.intake.domain.app.FieldDefinition;
import dev.intake.domain.app.FieldType;
import dev.intake.domain.app.InvalidDefinitionException;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Administrators define apps here: create one, or edit an app's label, fields (type, required, unique, maximum
 * length, choices, referenced app) and match rules. Saving goes through the same catalogue and rules as the API's
 * {@code defineApp}; a refusal is shown next to the input it is about.
 */
@Named("appSetup")
@ViewScoped
public class AppSetupPage implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final Pattern QUOTED = Pattern.compile("'([^']*)'");

    @Inject
    transient AppCatalog catalog;

    @Inject
    transient ConsoleAccess access;

    private List<AppDefinition> apps = List.of();
    private String entity;
    private boolean editing;
    private boolean existing;
    private String label;
    private List<FieldRow> fields = new ArrayList<>();
    private String matchRules;

    /** Called by the view's viewAction; anyone but an administrator gets 403. */
    public void load() throws IOException {
        if (!access.requireAdmin()) {
            return;
        }
        apps = catalog.all();
        if (entity != null && !entity.isBlank()) {
            catalog.find(entity).ifPresent(this::open);
        }
    }

    public void edit(String appEntity) {
        catalog.find(appEntity).ifPresent(this::open);
    }

    public void startNew() {
        entity = null;
        label = null;
        fields = new ArrayList<>(List.of(new FieldRow()));
        matchRules = null;
        existing = false;
        editing = true;
    }

    private void open(AppDefinition app) {
        entity = app.entity();
        label = app.label();
        fields = new ArrayList<>(app.fields().stream().map(FieldRow::of).toList());
        matchRules = String.join("\n", app.matchRules().stream().map(rule -> String.join(", ", rule.fields()))
                .toList());
        existing = true;
        editing = true;
    }

    public void addField() {
        fields.add(new FieldRow());
    }

    public void removeField(int index) {
        if (index >= 0 && index < fields.size()) {
            fields.remove(index);
        }
    }

    public void save() {
        FacesContext faces = FacesContext.getCurrentInstance();
        try {
            AppDefinition saved = catalog.define(new AppDefinition(entity, label,
                    fields.stream().map(FieldRow::toDefinition).toList(), rules()));
            FieldMessages.info(faces, "app-form:save", Labels.text(faces, "setup.saved")
                    .replace("{0}", saved.entity()));
            apps = catalog.all();
            existing = true;
        } catch (InvalidDefinitionException e) {
            FieldMessages.error(faces, inputOf(e.getMessage()), e.getMessage());
        }
    }

    public void close() {
        editing = false;
    }

    /** The match rules as typed: one rule a line, its fields separated by commas. */
    private List<List<String>> rules() {
        if (matchRules == null || matchRules.isBlank()) {
            return List.of();
        }
        return matchRules.lines().filter(line -> !line.isBlank())
                .map(line -> Arrays.stream(line.split(",")).map(String::strip).toList()).toList();
    }

    /**
     * The input a refusal of {@code AppRules} is about. Its sentences name the field in quotes and start with the
     * kind of rule, which decides the input of that field's row.
     */
    String inputOf(String message) {
        if (message.startsWith("The entity")) {
            return "app-form:entity";
        }
        if (message.contains("needs a label")) {
            return "app-form:label";
        }
        if (message.contains("match rule") || message.startsWith("Match rule")) {
            return "app-form:match-rules";
        }
        if (message.contains("at least one field")) {
            return "app-form:add-field";
        }
        int row = rowNamed(lastQuoted(message, message.startsWith("Fields '")));
        if (row < 0) {
            return "app-form:save";
        }
        return "app-form:fields:" + row + ":" + inputInRow(message);
    }

    private static String inputInRow(String message) {
        if (message.startsWith("CHOICE")) {
            return "field-choices";
        }
        if (message.startsWith("REFERENCE")) {
            return "field-reference";
        }
        if (message.contains("maxLength")) {
            return "field-max-length";
        }
        return message.startsWith("Fields '") ? "field-label" : "field-name";
    }

    private static String lastQuoted(String message, boolean second) {
        Matcher quoted = QUOTED.matcher(message);
        String found = null;
        int seen = 0;
        while (quoted.find() && seen < (second ? 2 : 1)) {
            found = quoted.group(1);
            seen++;
        }
        return found;
    }

    private int rowNamed(String name) {
        for (int i = 0; i < fields.size(); i++) {
            String rowName = fields.get(i).getName();
            if (name != null && name.equals(rowName == null ? "" : rowName.strip())) {
                return i;
            }
        }
        return -1;
    }

    public List<AppDefinition> getApps() {
        return apps;
    }

    public List<FieldType> getTypes() {
        return Arrays.asList(FieldType.values());
    }

    public boolean isEditing() {
        return editing;
    }

    public boolean isExisting() {
        return existing;
    }

    public String getEntity() {
        return entity;
    }

    public void setEntity(String entity) {
        this.entity = entity;
    }

    public String getLabel() {
        return label;
    }

    public void setLabel(String label) {
        this.label = label;
    }

    public List<FieldRow> getFields() {
        return fields;
    }

    public String getMatchRules() {
        return matchRules;
    }

    public void setMatchRules(String matchRules) {
        this.matchRules = matchRules;
    }

    /** One field as edited in a row of the form. */
    public static final class FieldRow implements Serializable {

        private static final long serialVersionUID = 1L;

        private String name;
        private String label;
        private FieldType type = FieldType.TEXT;
        private boolean required;
        private boolean unique;
        private Integer maxLength;
        private String choices;
        private String reference;

        static FieldRow of(FieldDefinition field) {
            FieldRow row = new FieldRow();
            row.name = field.name();
            row.label = field.label();
            row.type = field.type();
            row.required = field.required();
            row.unique = field.unique();
            row.maxLength = field.maxLength();
            row.choices = String.join(", ", field.choices());
            row.reference = field.reference();
            return row;
        }

        FieldDefinition toDefinition() {
            List<String> choiceList = choices == null || choices.isBlank() ? List.of()
                    : Arrays.stream(choices.split(",")).map(String::strip).filter(c -> !c.isEmpty()).toList();
            String trimmedName = name == null ? null : name.strip();
            return new FieldDefinition(trimmedName == null ? "" : trimmedName, label, type == null ? FieldType.TEXT
                    : type, required, unique, maxLength, choiceList,
                    reference == null || reference.isBlank() ? null : reference.strip());
        }

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        public String getLabel() {
            return label;
        }

        public void setLabel(String label) {
            this.label = label;
        }

        public FieldType getType() {
            return type;
        }

        public void setType(FieldType type) {
            this.type = type;
        }

        public boolean isRequired() {
            return required;
        }

        public void setRequired(boolean required) {
            this.required = required;
        }

        public boolean isUnique() {
            return unique;
        }

        public void setUnique(boolean unique) {
            this.unique = unique;
        }

        public Integer getMaxLength() {
            return maxLength;
        }

        public void setMaxLength(Integer maxLength) {
            this.maxLength = maxLength;
        }

        public String getChoices() {
            return choices;
        }

        public void setChoices(String choices) {
            this.choices = choices;
        }

        public String getReference() {
            return reference;
        }

        public void setReference(String reference) {
            this.reference = reference;
        }
    }
}
