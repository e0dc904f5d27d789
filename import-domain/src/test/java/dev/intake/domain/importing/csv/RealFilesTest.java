package dev.intake.domain.importing.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.intake.domain.app.FieldDefinition;
import dev.intake.domain.app.FieldType;
import dev.intake.domain.importing.Conversion;
import dev.intake.domain.importing.ImportOptions;
import dev.intake.domain.importing.SharedData;
import dev.intake.domain.importing.ValueConverter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The real exports of {@code shared/data/real} read as they are, byte for byte. */
class RealFilesTest {

    @Test
    void datablistPeopleGivesAThousandRowsOfNineCells() throws IOException {
        List<CsvRow> rows = readAll("datablist_people-1000.csv");

        assertEquals(1001, rows.size());
        assertEquals("Index", rows.get(0).cell(0));
        assertTrue(rows.stream().allMatch(row -> row.size() == 9));
        assertEquals(1001, rows.get(1000).line());
    }

    @Test
    void datablistPeopleEmailsPhonesAndBirthDatesAllConvert() throws IOException {
        List<CsvRow> rows = readAll("datablist_people-1000.csv");
        ValueConverter converter = new ValueConverter(ImportOptions.defaults());

        for (CsvRow row : rows.subList(1, rows.size())) {
            assertConverts(converter, FieldType.EMAIL, row.cell(5));
            assertConverts(converter, FieldType.PHONE, row.cell(6));
            assertConverts(converter, FieldType.DATE, row.cell(7));
        }
    }

    @Test
    void datablistLeadsKeepsQuotedCompanyNamesAndItsContactDetailsConvert() throws IOException {
        List<CsvRow> rows = readAll("datablist_leads-100.csv");
        ValueConverter converter = new ValueConverter(ImportOptions.defaults());

        assertEquals(101, rows.size());
        assertEquals("Grimes, Madden and Huff", rows.get(1).cell(5));
        for (CsvRow row : rows.subList(1, rows.size())) {
            assertEquals(14, row.size());
            assertConverts(converter, FieldType.PHONE, row.cell(6));
            assertConverts(converter, FieldType.PHONE, row.cell(7));
            assertConverts(converter, FieldType.EMAIL, row.cell(8));
            assertConverts(converter, FieldType.EMAIL, row.cell(9));
            assertConverts(converter, FieldType.URL, row.cell(10));
        }
    }

    @Test
    void thunderbirdExportGivesTwoRowsOfThirtySevenColumnsWithLineBreaksIntact() throws IOException {
        List<CsvRow> rows = readAll("thunderbird_export.csv");

        assertEquals(3, rows.size());
        assertTrue(rows.stream().allMatch(row -> row.size() == 37));
        CsvRow two = rows.get(2);
        assertEquals(3, two.line());
        assertEquals("\"worker\"", two.cell(24));
        assertEquals(List.of("custom, 1", "custom\t2", "custom\r3", "custom\n4"), two.cells().subList(32, 36));
        assertEquals("here's some unicode text…", two.cell(36));
    }

    @Test
    void frappeSemicolonFileIsDetectedAndKeepsPaddedCells() throws IOException {
        Path file = SharedData.realFile("frappe_sample_import_file_semicolon.csv");
        CsvFormat format = CsvFormatDetector.detect(file, ImportOptions.defaults());
        List<CsvRow> rows = readAll(file, format);

        assertEquals(';', format.delimiter());
        assertEquals(5, rows.size());
        assertTrue(rows.stream().allMatch(row -> row.size() == 14));
        assertEquals("Title  ", rows.get(0).cell(0));
        assertTrue(rows.get(1).cell(6).startsWith("child description with ,comma and"));
    }

    @Test
    void odooFileWithoutFinalNewlineGivesItsLastRow() throws IOException {
        List<CsvRow> rows = readAll("odoo_o2m_customers_contacts.csv");

        CsvRow last = rows.get(rows.size() - 1);
        assertEquals(9, rows.size());
        assertEquals(9, last.line());
        assertEquals("Sharon Pecker", last.cell(0));
        assertEquals("United States", last.cell(8));
        assertEquals("San José", rows.get(1).cell(6));
    }

    @Test
    void salesforceFileWithEveryFieldQuotedGivesThirtyEightRows() throws IOException {
        List<CsvRow> rows = readAll("sfdc-dataloader_opportunityData.csv");

        assertEquals(39, rows.size());
        assertTrue(rows.stream().allMatch(row -> row.size() == 31));
    }

    @Test
    void krayinFilesKeepJsonListsInsideValues() throws IOException {
        List<CsvRow> persons = readAll("krayin_persons_sample.csv");
        List<CsvRow> leads = readAll("krayin_leads_sample.csv");

        assertEquals("[{\"label\": \"work\", \"value\": \"contact@sasha.com\"}]", persons.get(2).cell(1));
        assertEquals(3, leads.size());
        assertTrue(leads.stream().allMatch(row -> row.size() == 15));
    }

    private static void assertConverts(ValueConverter converter, FieldType type, String raw) {
        Conversion conversion = converter.convert(FieldDefinition.of("value", type), raw);

        assertInstanceOf(Conversion.Value.class, conversion, () -> type + " '" + raw + "': " + conversion);
    }

    private static List<CsvRow> readAll(String realFile) throws IOException {
        Path file = SharedData.realFile(realFile);
        return readAll(file, CsvFormatDetector.detect(file, ImportOptions.defaults()));
    }

    private static List<CsvRow> readAll(Path file, CsvFormat format) throws IOException {
        assertEquals(StandardCharsets.UTF_8, format.charset());
        try (CsvRowReader reader = CsvRowReader.open(file, format)) {
            List<CsvRow> rows = new ArrayList<>();
            for (CsvRow row = reader.next(); row != null; row = reader.next()) {
                rows.add(row);
            }
            return rows;
        }
    }
}
