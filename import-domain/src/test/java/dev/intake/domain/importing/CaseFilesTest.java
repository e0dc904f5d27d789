package dev.intake.domain.importing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.intake.domain.app.AppDefinition;
import dev.intake.domain.app.FieldDefinition;
import dev.intake.domain.importing.csv.CsvFormat;
import dev.intake.domain.importing.csv.CsvFormatDetector;
import dev.intake.domain.importing.csv.CsvRow;
import dev.intake.domain.importing.csv.CsvRowReader;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each shared case file read, matched and converted the way an import does, checked against the expectations of
 * {@code shared/data/cases/README.md} that are decided before the store is touched.
 */
class CaseFilesTest {

    @Test
    void bomHeaderNamesEmailAsItsFirstColumn() throws IOException {
        Outcome outcome = read("01_bom_header.csv", "contact", defaults());

        assertTrue(outcome.format().byteOrderMark());
        assertEquals("email", outcome.header().cell(0));
        assertEquals("email", outcome.mapping().column(0).field().name());
        assertEquals(List.of("ana.lima@example.com", "bo.chen@example.org"), outcome.values("email"));
        assertEquals(0, outcome.failedCount());
    }

    @Test
    void semicolonFileKeepsTheCommaInsideAValue() throws IOException {
        Outcome outcome = read("02_semicolon.csv", "contact", defaults());

        assertEquals(';', outcome.format().delimiter());
        assertEquals("Costa & Filhos, Lda", outcome.rows().get(0).value("company"));
        assertEquals("rui.costa@example.com", outcome.rows().get(0).value("email"));
        assertEquals(2, outcome.rows().size());
        assertEquals(0, outcome.failedCount());
    }

    @Test
    void multilineQuotedValuesKeepLineBreaksCommasAndQuotes() throws IOException {
        Outcome outcome = read("03_multiline_quoted.csv", "contact", defaults());

        ConvertedRow lea = outcome.rows().get(0);
        assertEquals("Roux, Léa", lea.value("name"));
        assertEquals("Met at fair.\nFollow up in Q3, ask about \"Pro\" plan.", lea.value("notes"));
        ConvertedRow tom = outcome.rows().get(1);
        assertEquals("tom.ek@example.com", tom.value("email"));
        assertEquals(4, tom.line());
        assertEquals(2, outcome.rows().size());
    }

    @Test
    void trailingBlankHeadersAreIgnoredButAValueUnderOneFailsItsRow() throws IOException {
        Outcome outcome = read("05_trailing_empty_columns.csv", "contact", defaults());

        assertEquals(HeaderMapping.Role.UNNAMED, outcome.mapping().column(5).role());
        assertEquals(3, outcome.rows().size());
        assertFalse(outcome.rows().get(0).failed());
        assertFalse(outcome.rows().get(1).failed());
        ConvertedRow pia = outcome.rows().get(2);
        assertEquals(4, pia.line());
        assertEquals(1, pia.errors().size());
        assertEquals(RowErrorCode.VALUE_IN_UNNAMED_COLUMN, pia.errors().get(0).code());
        assertEquals(4, pia.errors().get(0).line());
        assertEquals("oops", pia.errors().get(0).value());
    }

    @Test
    void headersMatchIgnoringCaseSpacesAndUnderscores() throws IOException {
        Outcome outcome = read("07_header_case_ws.csv", "contact", defaults());

        assertEquals(List.of("email", "first_name", "last_name"),
                outcome.mapping().mappedFields().stream().map(FieldDefinition::name).toList());
        assertEquals(Map.of("email", "ben.ito@example.com", "first_name", "Ben", "last_name", "Ito"),
                outcome.rows().get(0).values());
        assertEquals(1, outcome.rows().size());
    }

    @Test
    void emptyLinesAreSkippedAndNotCounted() throws IOException {
        Outcome outcome = read("08_empty_lines.csv", "contact", defaults());

        assertEquals(2, outcome.rows().size());
        assertEquals("dan.mu@example.com", outcome.rows().get(1).value("email"));
        assertEquals(4, outcome.rows().get(1).line());
    }

    @Test
    void datesAcceptIsoAndTheDateFormatAndNeverRollOver() throws IOException {
        Outcome outcome = read("09_dates.csv", "deal", options(null, "dd/MM/yyyy", null));

        List<ConvertedRow> rows = outcome.rows();
        assertEquals(5, rows.size());
        assertEquals("2024-03-05", rows.get(0).value("close_date"));
        assertEquals("2024-03-05", rows.get(1).value("close_date"));
        assertEquals("2024-03-13", rows.get(2).value("close_date"));
        assertOnlyError(rows.get(3), 5, "close_date", "2024-02-30", RowErrorCode.INVALID_DATE);
        assertOnlyError(rows.get(4), 6, "close_date", "03/13/2024", RowErrorCode.INVALID_DATE);
        assertEquals(2, outcome.failedCount());
    }

    @Test
    void decimalCommaFileReadsGermanNumbers() throws IOException {
        Outcome outcome = read("10_decimal_comma.csv", "deal", options(null, null, "de-DE"));

        assertEquals(';', outcome.format().delimiter());
        assertEquals(List.of("1234.56", "13.75", "1000"), outcome.values("amount").subList(0, 3));
        assertOnlyError(outcome.rows().get(3), 5, "amount", "12.5.3", RowErrorCode.INVALID_NUMBER);
        assertEquals(1, outcome.failedCount());
    }

    @Test
    void decimalCommaFileUnderEnUsNeverReadsThirteenSeventyFiveAsThousands() throws IOException {
        Outcome outcome = read("10_decimal_comma.csv", "deal", options(null, null, "en-US"));

        assertOnlyError(outcome.rows().get(1), 3, "amount", "13,75", RowErrorCode.INVALID_NUMBER);
        assertTrue(outcome.rows().get(1).errors().get(0).message().contains("set the locale option"));
    }

    @Test
    void windows1252FileIsDetectedAndDecoded() throws IOException {
        Outcome outcome = read("12_windows1252.csv", "contact", defaults());

        assertEquals(Charset.forName("windows-1252"), outcome.format().charset());
        assertEquals("Özil", outcome.rows().get(0).value("last_name"));
        assertEquals("Ünal", outcome.rows().get(0).value("first_name"));
        assertEquals("Köln", outcome.rows().get(0).value("city"));
        assertEquals("März", outcome.rows().get(1).value("last_name"));
        assertEquals("Düsseldorf", outcome.rows().get(1).value("city"));
    }

    @Test
    void windows1252FileReadsTheSameWithTheEncodingOption() throws IOException {
        Outcome outcome = read("12_windows1252.csv", "contact", options("windows-1252", null, null));

        assertEquals("Özil", outcome.rows().get(0).value("last_name"));
        assertEquals("Köln", outcome.rows().get(0).value("city"));
    }

    @Test
    void duplicateKeyRowsAllConvertInFileOrder() throws IOException {
        Outcome outcome = read("13_duplicate_key_in_file.csv", "contact", defaults());

        assertEquals(List.of("fay.wu@example.com", "gus.lind@example.com", "fay.wu@example.com"),
                outcome.values("email"));
        assertFalse(outcome.rows().get(0).values().containsKey("phone"));
        assertEquals("Wu-Berg", outcome.rows().get(2).value("last_name"));
        assertEquals("+1 555 0100", outcome.rows().get(2).value("phone"));
        assertEquals(4, outcome.rows().get(2).line());
    }

    @Test
    void emailKeysAreTrimmedAndLowerCased() throws IOException {
        Outcome outcome = read("14_email_case.csv", "contact", defaults());

        assertEquals(List.of("hana.kim@example.com", "ian.roe@example.com"), outcome.values("email"));
    }

    @Test
    void formulaLikeValuesStayVerbatimAndABadEmailFailsItsRow() throws IOException {
        Outcome outcome = read("15_formula_injection.csv", "contact", defaults());

        assertOnlyError(outcome.rows().get(0), 2, "email", "not-an-email", RowErrorCode.INVALID_EMAIL);
        ConvertedRow jo = outcome.rows().get(1);
        assertEquals("jo.li@example.com", jo.value("email"));
        assertEquals("+SUM(1;2)", jo.value("first_name"));
        assertEquals("@Corp", jo.value("company"));
        assertEquals(1, outcome.failedCount());
    }

    private static void assertOnlyError(ConvertedRow row, int line, String column, String value, String code) {
        assertEquals(1, row.errors().size(), () -> "errors: " + row.errors());
        RowError error = row.errors().get(0);
        assertEquals(line, error.line());
        assertEquals(column, error.column());
        assertEquals(value, error.value());
        assertEquals(code, error.code());
    }

    private static Outcome read(String caseFile, String entity, ImportOptions options) throws IOException {
        Path file = SharedData.caseFile(caseFile);
        AppDefinition app = SharedData.app(entity);
        CsvFormat format = CsvFormatDetector.detect(file, options);
        try (CsvRowReader reader = CsvRowReader.open(file, format)) {
            CsvRow header = reader.next();
            HeaderMapping mapping = HeaderMatcher.match(app, header, options.ignoreUnknownColumns());
            RowConverter converter = new RowConverter(mapping, new ValueConverter(options));
            List<ConvertedRow> rows = new ArrayList<>();
            for (CsvRow row = reader.next(); row != null; row = reader.next()) {
                rows.add(converter.convert(row));
            }
            return new Outcome(format, header, mapping, rows);
        }
    }

    private static ImportOptions defaults() {
        return ImportOptions.defaults();
    }

    private static ImportOptions options(String encoding, String dateFormat, String locale) {
        return new ImportOptions(null, encoding, dateFormat, locale, false, ImportOptions.DEFAULT_MAX_ERRORS);
    }

    /** What reading one case file gave. */
    private record Outcome(CsvFormat format, CsvRow header, HeaderMapping mapping, List<ConvertedRow> rows) {

        List<String> values(String field) {
            return rows.stream().map(row -> row.value(field)).toList();
        }

        long failedCount() {
            return rows.stream().filter(ConvertedRow::failed).count();
        }
    }
}
