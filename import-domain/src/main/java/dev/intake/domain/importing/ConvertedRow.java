package dev.intake.domain.importing;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One data row after conversion: either the canonical values of its non-blank cells by field name, in column order,
 * or the errors that keep it from being applied. A field absent from {@code values} was blank in the file and
 * leaves the stored value unchanged. {@code line} is the physical line the row starts on.
 */
public record ConvertedRow(int line, Map<String, String> values, List<RowError> errors) {

    /** Keeps a copy of the values, unless they are {@link Values} a converter handed over. */
    public ConvertedRow {
        values = Collections.unmodifiableMap(values instanceof Values ? values : new LinkedHashMap<>(values));
        errors = List.copyOf(errors);
    }

    /**
     * Values in column order that a converter fills for one row and then hands over whole, never to change them
     * again: the row keeps them without a copy, one map fewer for every row of an import.
     */
    static final class Values extends LinkedHashMap<String, String> {
        private static final long serialVersionUID = 1L;
    }

    /** A row whose every non-blank cell converted. */
    public static ConvertedRow converted(int line, Map<String, String> values) {
        return new ConvertedRow(line, values, List.of());
    }

    /** A row refused for the given errors; none of its values are applied. */
    public static ConvertedRow failed(int line, List<RowError> errors) {
        return new ConvertedRow(line, Map.of(), errors);
    }

    /** Whether the row has errors and must not be applied. */
    public boolean failed() {
        return !errors.isEmpty();
    }

    /** The canonical value of a field, or null when its cell was blank or the field has no column. */
    public String value(String fieldName) {
        return values.get(fieldName);
    }
}
