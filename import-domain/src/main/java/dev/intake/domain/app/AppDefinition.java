package dev.intake.domain.app;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * An app of the CRM (contact, company, deal, or one an admin defines): its typed fields in display order and its
 * ordered match rules. A match rule is a list of field names whose values together find an existing record; the
 * first rule whose cells are all present in a row decides which record that row updates.
 *
 * <p>An app is replaced whole by {@code defineApp}; records keep their values by field name, so a field that
 * disappears from the definition simply stops being shown.
 */
@Entity
@Table(name = "app")
public class AppDefinition {

    @Id
    @Column(name = "entity", length = 100)
    private String entity;

    @Column(name = "label", nullable = false, length = 255)
    private String label;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "app_field", joinColumns = @JoinColumn(name = "entity"))
    @OrderColumn(name = "field_position")
    private List<FieldDefinition> fields = new ArrayList<>();

    /** Rules separated by ';', the fields of one rule by ','. Field names never hold either character. */
    @Column(name = "match_rules", length = 2000)
    private String matchRules;

    protected AppDefinition() {
    }

    public AppDefinition(String entity, String label, List<FieldDefinition> fields, List<List<String>> matchOn) {
        this.entity = entity;
        this.label = label;
        this.fields = new ArrayList<>(fields);
        this.matchRules = encodeRules(matchOn);
    }

    public String entity() {
        return entity;
    }

    public String label() {
        return label;
    }

    public List<FieldDefinition> fields() {
        return List.copyOf(fields);
    }

    public Optional<FieldDefinition> field(String name) {
        return fields.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    /** The ordered match rules; each rule is a non-empty list of field names. */
    public List<MatchRule> matchRules() {
        if (matchRules == null || matchRules.isBlank()) {
            return List.of();
        }
        List<MatchRule> rules = new ArrayList<>();
        String[] encoded = matchRules.split(";");
        for (int i = 0; i < encoded.length; i++) {
            rules.add(new MatchRule(i, Arrays.asList(encoded[i].split(","))));
        }
        return rules;
    }

    /** Replaces label, fields and rules with those of another definition of the same entity. */
    public void replaceWith(AppDefinition other) {
        this.label = other.label;
        this.fields = new ArrayList<>(other.fields);
        this.matchRules = other.matchRules;
    }

    private static String encodeRules(List<List<String>> matchOn) {
        if (matchOn == null || matchOn.isEmpty()) {
            return null;
        }
        return String.join(";", matchOn.stream().map(rule -> String.join(",", rule)).toList());
    }
}
