package dev.intake.domain.importing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.intake.domain.app.AppDefinition;
import dev.intake.domain.app.FieldDefinition;
import dev.intake.domain.app.FieldType;
import dev.intake.domain.importing.csv.CsvRow;
import dev.intake.domain.record.FlatJson;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RowConverterTest {

    @Test
    void convertsNonBlankCellsToCanonicalValuesByFieldNameInColumnOrder() {
        RowConverter converter = converter(false, "Amount", "email", "Name");

        ConvertedRow row = converter.convert(row(2, "1,234.50", " Ana@Example.com ", "Ana"));

        assertFalse(row.failed());
        assertEquals(2, row.line());
        assertEquals(List.of("amount", "email", "name"), List.copyOf(row.values().keySet()));
        assertEquals(Map.of("amount", "1234.5", "email", "ana@example.com", "name", "Ana"), row.values());
    }

    @Test
    void namesValuesByTheInternedFieldNameThatStoredRecordsAreReadWith() {
        RowConverter converter = converter(false, "email", "name");

        ConvertedRow row = converter.convert(row(2, "ana@example.com", "Ana"));

        String readName = FlatJson.read("{\"name\":\"Bea\"}").orElseThrow().keySet().iterator().next();
        row.values().keySet().forEach(name -> assertSame(name.intern(), name));
        assertSame(readName, List.copyOf(row.values().keySet()).get(1));
    }

    @Test
    void leavesBlankAndWhitespaceOnlyCellsOut() {
        RowConverter converter = converter(false, "email", "name", "amount");

        ConvertedRow row = converter.convert(row(3, "ana@example.com", "   ", ""));

        assertEquals(Map.of("email", "ana@example.com"), row.values());
        assertNull(row.value("name"));
    }

    @Test
    void treatsMissingTrailingCellsAsBlank() {
        RowConverter converter = converter(false, "email", "name", "amount");

        ConvertedRow row = converter.convert(row(2, "ana@example.com"));

        assertFalse(row.failed());
        assertEquals(Map.of("email", "ana@example.com"), row.values());
    }

    @Test
    void failsAValueUnderAnUnnamedColumn() {
        RowConverter converter = converter(false, "email", "name", "", " ");

        ConvertedRow row = converter.convert(row(4, "pia@example.com", "Pia", "", "oops"));

        assertTrue(row.failed());
        assertEquals(List.of(new RowError(4, " ", "oops", RowErrorCode.VALUE_IN_UNNAMED_COLUMN,
                "Column 4 has no header but holds a value: add a header naming a field, or remove the value.")),
                row.errors());
        assertTrue(row.values().isEmpty());
    }

    @Test
    void acceptsBlankCellsUnderUnnamedColumns() {
        RowConverter converter = converter(false, "email", "name", "", "");

        ConvertedRow row = converter.convert(row(2, "nia@example.com", "Nia", "", " "));

        assertFalse(row.failed());
    }

    @Test
    void failsNonBlankValuesBeyondTheHeader() {
        RowConverter converter = converter(false, "email", "name");

        ConvertedRow row = converter.convert(row(5, "ana@example.com", "Ana", "", "extra", "more"));

        assertEquals(1, row.errors().size());
        RowError error = row.errors().get(0);
        assertEquals(RowErrorCode.TOO_MANY_VALUES, error.code());
        assertEquals(5, error.line());
        assertNull(error.column());
        assertEquals("extra", error.value());
        assertTrue(error.message().contains("only 2 columns"), error.message());
    }

    @Test
    void acceptsBlankValuesBeyondTheHeader() {
        RowConverter converter = converter(false, "email", "name");

        ConvertedRow row = converter.convert(row(2, "ana@example.com", "Ana", "", "  "));

        assertFalse(row.failed());
    }

    @Test
    void reportsEveryBadCellWithItsHeaderAsWrittenAndItsRawValue() {
        RowConverter converter = converter(false, " E-Mail ", "Amount", "name");

        ConvertedRow row = converter.convert(row(7, "not-an-email", "13,75", "ok"));

        assertEquals(2, row.errors().size());
        assertEquals(new RowError(7, " E-Mail ", "not-an-email", RowErrorCode.INVALID_EMAIL,
                row.errors().get(0).message()), row.errors().get(0));
        assertEquals(new RowError(7, "Amount", "13,75", RowErrorCode.INVALID_NUMBER, row.errors().get(1).message()),
                row.errors().get(1));
        assertTrue(row.values().isEmpty());
    }

    @Test
    void skipsIgnoredColumns() {
        RowConverter converter = converter(true, "email", "Fax", "name");

        ConvertedRow row = converter.convert(row(2, "ana@example.com", "not even a fax", "Ana"));

        assertFalse(row.failed());
        assertEquals(Map.of("email", "ana@example.com", "name", "Ana"), row.values());
    }

    private static RowConverter converter(boolean ignoreUnknownColumns, String... header) {
        AppDefinition app = app();
        HeaderMapping mapping = HeaderMatcher.match(app, new CsvRow(1, List.of(header)), ignoreUnknownColumns);
        ImportOptions options = new ImportOptions(null, null, null, null, ignoreUnknownColumns, 1000);
        return new RowConverter(mapping, new ValueConverter(options));
    }

    private static CsvRow row(int line, String... cells) {
        return new CsvRow(line, List.of(cells));
    }

    private static AppDefinition app() {
        List<FieldDefinition> fields = List.of(
                new FieldDefinition("email", "Email", FieldType.EMAIL, false, true, null, null, null),
                new FieldDefinition("name", "Name", FieldType.TEXT, true, false, 255, null, null),
                new FieldDefinition("amount", "Amount", FieldType.DECIMAL, false, false, null, null, null));
        return new AppDefinition("lead", "Leads", fields, List.of(List.of("email")));
    }
}
