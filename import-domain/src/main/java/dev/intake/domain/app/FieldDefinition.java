package dev.intake.domain.app;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One typed field of an app. Its {@code name} is the stable key used in records and in CSV headers; its
 * {@code label} is what people read and may also head a CSV column. Value rules (required, maximum length,
 * choices, the app a reference points to) live here so that the engine and the console apply the same ones.
 */
@Embeddable
public class FieldDefinition {

    @Column(name = "name", nullable = false, length = 100)
    private String name;

    @Column(name = "label", length = 255)
    private String label;

    @Enumerated(EnumType.STRING)
    @Column(name = "type", nullable = false, length = 20)
    private FieldType type;

    @Column(name = "required", nullable = false)
    private boolean required;

    @Column(name = "is_unique", nullable = false)
    private boolean unique;

    @Column(name = "max_length")
    private Integer maxLength;

    /** CHOICE values, one a line; null for other types. */
    @Column(name = "choices", length = 4000)
    private String choices;

    @Column(name = "reference_entity", length = 100)
    private String reference;

    protected FieldDefinition() {
    }

    public FieldDefinition(String name, String label, FieldType type, boolean required, boolean unique,
            Integer maxLength, List<String> choices, String reference) {
        this.name = Objects.requireNonNull(name, "name");
        this.label = label == null || label.isBlank() ? name : label;
        this.type = Objects.requireNonNull(type, "type");
        this.required = required;
        this.unique = unique;
        this.maxLength = maxLength;
        this.choices = choices == null || choices.isEmpty() ? null : String.join("\n", choices);
        this.reference = reference;
    }

    /** A plain field of the given type with no further rules, labelled by its name. */
    public static FieldDefinition of(String name, FieldType type) {
        return new FieldDefinition(name, name, type, false, false, null, null, null);
    }

    public String name() {
        return name;
    }

    public String label() {
        return label;
    }

    public FieldType type() {
        return type;
    }

    public boolean required() {
        return required;
    }

    public boolean unique() {
        return unique;
    }

    public Integer maxLength() {
        return maxLength;
    }

    public List<String> choices() {
        return choices == null ? List.of() : Arrays.asList(choices.split("\n"));
    }

    public String reference() {
        return reference;
    }

    @Override
    public String toString() {
        return name + ":" + type;
    }
}
