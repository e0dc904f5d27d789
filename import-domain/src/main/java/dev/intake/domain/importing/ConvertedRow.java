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

    public ConvertedRow {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        errors = List.copyOf(errors);
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
