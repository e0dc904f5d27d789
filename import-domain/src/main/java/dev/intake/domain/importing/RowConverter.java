package dev.intake.domain.importing;

import dev.intake.domain.app.FieldDefinition;
import dev.intake.domain.importing.csv.CsvRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Converts the data rows of one import through its {@link HeaderMapping}: each non-blank cell under a field becomes
 * that field's canonical value, blank cells are left out, ignored columns are skipped. A value under an unnamed
 * column, non-blank values beyond the header's columns and cells that do not convert fail the row, with one
 * {@link RowError} per fault. A row with fewer cells than the header is fine: the missing cells are blank.
 *
 * <p>Required fields are not checked here, because only matching knows whether a row creates a record (which must
 * fill every required field) or updates one (which need not repeat them); {@link ChunkApplier} checks them.
 */
public final class RowConverter {

    private final HeaderMapping mapping;
    private final ValueConverter values;
    /**
     * The field name of every column, interned: the instance stored records' names are read as (see FlatJson), so
     * that laying a row over a record compares names by identity.
     */
    private final String[] fieldNames;

    public RowConverter(HeaderMapping mapping, ValueConverter values) {
        this.mapping = mapping;
        this.values = values;
        this.fieldNames = new String[mapping.size()];
        for (int i = 0; i < mapping.size(); i++) {
            FieldDefinition field = mapping.column(i).field();
            fieldNames[i] = field == null ? null : field.name().intern();
        }
    }

    /** Converts one data row. */
    public ConvertedRow convert(CsvRow row) {
        Map<String, String> converted = new ConvertedRow.Values();
        List<RowError> errors = new ArrayList<>();
        int columns = Math.min(row.size(), mapping.size());
        for (int i = 0; i < columns; i++) {
            String cell = row.cell(i);
            if (!CsvRow.isBlank(cell)) {
                convertCell(row.line(), mapping.column(i), fieldNames[i], cell, converted, errors);
            }
        }
        checkExtraValues(row, errors);
        if (!errors.isEmpty()) {
            return ConvertedRow.failed(row.line(), errors);
        }
        return ConvertedRow.converted(row.line(), converted);
    }

    private void convertCell(int line, HeaderMapping.Column column, String fieldName, String cell,
            Map<String, String> converted, List<RowError> errors) {
        switch (column.role()) {
            case IGNORED -> {
                return;
            }
            case UNNAMED -> errors.add(new RowError(line, column.header(), cell, RowErrorCode.VALUE_IN_UNNAMED_COLUMN,
                    "Column " + (column.index() + 1) + " has no header but holds a value: add a header naming a "
                            + "field, or remove the value."));
            case FIELD -> {
                if (cell.indexOf('\u0000') >= 0) {
                    errors.add(new RowError(line, column.header(), cell.replace('\u0000', ' '),
                            RowErrorCode.INVALID_CHARACTER, "The value holds a NUL character, which no field can"
                                    + " store: remove it."));
                    return;
                }
                Conversion conversion = values.convert(column.field(), cell);
                if (conversion instanceof Conversion.Value value) {
                    converted.put(fieldName, value.value());
                } else if (conversion instanceof Conversion.Failure failure) {
                    errors.add(new RowError(line, column.header(), cell, failure.code(), failure.message()));
                }
            }
        }
    }

    private void checkExtraValues(CsvRow row, List<RowError> errors) {
        for (int i = mapping.size(); i < row.size(); i++) {
            if (!CsvRow.isBlank(row.cell(i))) {
                errors.add(new RowError(row.line(), null, row.cell(i), RowErrorCode.TOO_MANY_VALUES, "The row has "
                        + "a value in column " + (i + 1) + " but the header has only " + mapping.size()
                        + " columns: remove the extra values or add headers for them; a value holding the delimiter "
                        + "needs quotes."));
                return;
            }
        }
    }
}
