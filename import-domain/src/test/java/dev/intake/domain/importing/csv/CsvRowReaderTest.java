package dev.intake.domain.importing.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.intake.domain.importing.ImportRefusedException;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvRowReaderTest {

    private static final CsvFormat COMMA_UTF8 = new CsvFormat(StandardCharsets.UTF_8, ',', false);

    @TempDir
    Path dir;

    @Test
    void returnsTheHeaderFirstWithoutTheByteOrderMark() throws IOException {
        List<CsvRow> rows = readAll("\uFEFFemail,name\r\na@example.com,Al\r\n", COMMA_UTF8);

        assertEquals(new CsvRow(1, List.of("email", "name")), rows.get(0));
        assertEquals(new CsvRow(2, List.of("a@example.com", "Al")), rows.get(1));
        assertEquals(2, rows.size());
    }

    @Test
    void endsRowsAtCrLf() throws IOException {
        assertLines(readAll("h\r\na\r\nb\r\n", COMMA_UTF8), 1, 2, 3);
    }

    @Test
    void endsRowsAtLf() throws IOException {
        assertLines(readAll("h\na\nb\n", COMMA_UTF8), 1, 2, 3);
    }

    @Test
    void endsRowsAtBareCr() throws IOException {
        List<CsvRow> rows = readAll("h,i\ra,1\rb,2\r", COMMA_UTF8);

        assertLines(rows, 1, 2, 3);
        assertEquals(List.of("b", "2"), rows.get(2).cells());
    }

    @Test
    void endsRowsAtMixedLineEndings() throws IOException {
        assertLines(readAll("h\ra\r\nb\nc", COMMA_UTF8), 1, 2, 3, 4);
    }

    @Test
    void keepsLineBreaksInsideQuotesAsWritten() throws IOException {
        List<CsvRow> rows = readAll("h,notes\r\n1,\"lf\nthen crlf\r\nthen cr\rend\"\r\n", COMMA_UTF8);

        assertEquals("lf\nthen crlf\r\nthen cr\rend", rows.get(1).cell(1));
    }

    @Test
    void numbersRowsByThePhysicalLineTheyStartOn() throws IOException {
        List<CsvRow> rows = readAll("h,notes\r\n1,\"a\r\nb\nc\rd\"\r\n2,x\r\n3,\"\ny\"\n4,z\n", COMMA_UTF8);

        assertLines(rows, 1, 2, 6, 7, 9);
    }

    @Test
    void unquotesDelimitersAndDoubledQuotes() throws IOException {
        List<CsvRow> rows = readAll("a,b,c\n\"Roux, Léa\",\"ask about \"\"Pro\"\" plan.\",\"\"\n", COMMA_UTF8);

        assertEquals(List.of("Roux, Léa", "ask about \"Pro\" plan.", ""), rows.get(1).cells());
    }

    @Test
    void keepsAQuoteInsideAnUnquotedValue() throws IOException {
        List<CsvRow> rows = readAll("a,b\n5\" screen,O\"Brien\n", COMMA_UTF8);

        assertEquals(List.of("5\" screen", "O\"Brien"), rows.get(1).cells());
    }

    @Test
    void keepsTextAfterAClosingQuoteAsWritten() throws IOException {
        CsvFormat format = new CsvFormat(StandardCharsets.UTF_8, ';', false);

        List<CsvRow> rows = readAll("a;b\n\"with ;semicolon\"   ;x\n", format);

        assertEquals(List.of("with ;semicolon   ", "x"), rows.get(1).cells());
    }

    @Test
    void keepsSurroundingSpacesAndEmptyCells() throws IOException {
        List<CsvRow> rows = readAll("a,b,c,d\n  x , ,,\n", COMMA_UTF8);

        assertEquals(List.of("  x ", " ", "", ""), rows.get(1).cells());
    }

    @Test
    void skipsBlankWhitespaceAndDelimiterOnlyLinesButCountsThem() throws IOException {
        List<CsvRow> rows = readAll("a,b\n\nx,1\n,\n   \n\t\n,,,\n\"\",\"\"\ny,2\n\n\n", COMMA_UTF8);

        assertLines(rows, 1, 3, 9);
    }

    @Test
    void skipsSemicolonOnlyLinesInSemicolonFiles() throws IOException {
        List<CsvRow> rows = readAll("a;b\r\n;;\r\nx;1\r\n", new CsvFormat(StandardCharsets.UTF_8, ';', false));

        assertLines(rows, 1, 3);
    }

    @Test
    void readsTheLastRowWithoutAFinalLineBreak() throws IOException {
        List<CsvRow> rows = readAll("a,b\nx,1\ny,2", COMMA_UTF8);

        assertEquals(new CsvRow(3, List.of("y", "2")), rows.get(2));
    }

    @Test
    void readsAQuotedLastValueWithoutAFinalLineBreak() throws IOException {
        List<CsvRow> rows = readAll("a,b\nx,\"1\n2\"", COMMA_UTF8);

        assertEquals(new CsvRow(2, List.of("x", "1\n2")), rows.get(1));
    }

    @Test
    void refusesAFileEndingInsideAnOpenQuoteNamingTheLineWhereItOpens() throws IOException {
        Path file = write("a,b\nx,1\ny,\"never closed\nmore\nand more\n");

        try (CsvRowReader reader = CsvRowReader.open(file, COMMA_UTF8)) {
            reader.next();
            reader.next();
            ImportRefusedException refused = assertThrows(ImportRefusedException.class, reader::next);

            assertEquals("INVALID_CSV", refused.code());
            assertTrue(refused.getMessage().contains("line 3"), refused.getMessage());
        }
    }

    @Test
    void refusesAValueLongerThanTheLimit() throws IOException {
        Path file = write("a\n\"" + "x".repeat(CsvRowReader.MAX_VALUE_LENGTH + 1) + "\"\n");

        try (CsvRowReader reader = CsvRowReader.open(file, COMMA_UTF8)) {
            reader.next();
            ImportRefusedException refused = assertThrows(ImportRefusedException.class, reader::next);

            assertEquals("INVALID_CSV", refused.code());
            assertTrue(refused.getMessage().contains("line 2"), refused.getMessage());
        }
    }

    @Test
    void acceptsAValueOfExactlyTheLimitOf4MiBCharacters() throws IOException {
        Path file = write("a\n\"" + "x".repeat(CsvRowReader.MAX_VALUE_LENGTH) + "\"\n");

        try (CsvRowReader reader = CsvRowReader.open(file, COMMA_UTF8)) {
            reader.next();

            assertEquals(4_194_304, reader.next().cells().get(0).length(), "the limit the README names");
        }
    }

    @Test
    void refusesBytesThatAreNotValidInTheCharsetNamingTheLine() throws IOException {
        Path file = write("a\nok\nZ\u00FCrich\n".getBytes(StandardCharsets.ISO_8859_1));

        try (CsvRowReader reader = CsvRowReader.open(file, COMMA_UTF8)) {
            ImportRefusedException refused = assertThrows(ImportRefusedException.class, () -> readAll(reader));

            assertEquals("INVALID_CSV", refused.code());
            assertTrue(refused.getMessage().contains("Line 3"), refused.getMessage());
        }
    }

    @Test
    void decodesWindows1252() throws IOException {
        Charset windows1252 = Charset.forName("windows-1252");
        Path file = write("last_name,city\r\nÖzil,Köln\r\n".getBytes(windows1252));

        List<CsvRow> rows = readAll(file, new CsvFormat(windows1252, ',', false));

        assertEquals(List.of("Özil", "Köln"), rows.get(1).cells());
    }

    @Test
    void decodesUtf16WithByteOrderMark() throws IOException {
        Path file = write("\uFEFFemail;name\r\na@example.com;Ölaf\r\n".getBytes(StandardCharsets.UTF_16LE));

        List<CsvRow> rows = readAll(file, new CsvFormat(StandardCharsets.UTF_16LE, ';', true));

        assertEquals(List.of("email", "name"), rows.get(0).cells());
        assertEquals(List.of("a@example.com", "Ölaf"), rows.get(1).cells());
    }

    @Test
    void readsRowsAcrossBufferBoundaries() throws IOException {
        StringBuilder text = new StringBuilder("id,notes\r\n");
        int rowCount = 20_000;
        for (int i = 0; i < rowCount; i++) {
            text.append(i).append(i % 7 == 0 ? ",\"two\r\nlines\"\r" : ",plain value\r\n");
        }

        List<CsvRow> rows = readAll(text.toString(), COMMA_UTF8);

        assertEquals(rowCount + 1, rows.size());
        int line = 2;
        for (int i = 0; i < rowCount; i++) {
            CsvRow row = rows.get(i + 1);
            String notes = i % 7 == 0 ? "two\r\nlines" : "plain value";
            assertEquals(new CsvRow(line, List.of(String.valueOf(i), notes)), row);
            line += i % 7 == 0 ? 2 : 1;
        }
    }

    @Test
    void returnsNullOnceTheFileEnds() throws IOException {
        Path file = write("a\n1\n");

        try (CsvRowReader reader = CsvRowReader.open(file, COMMA_UTF8)) {
            reader.next();
            reader.next();

            assertNull(reader.next());
            assertNull(reader.next());
        }
    }

    @Test
    void cellBeyondTheRowIsEmpty() {
        CsvRow row = new CsvRow(2, List.of("a"));

        assertEquals("", row.cell(3));
    }

    @Test
    void treatsNoBreakSpacesAndByteOrderMarksAsBlank() {
        assertTrue(CsvRow.isBlank(" \t\u00A0\u202F\uFEFF"));
    }

    private List<CsvRow> readAll(String text, CsvFormat format) throws IOException {
        return readAll(write(text.getBytes(format.charset())), format);
    }

    private static List<CsvRow> readAll(Path file, CsvFormat format) throws IOException {
        try (CsvRowReader reader = CsvRowReader.open(file, format)) {
            return readAll(reader);
        }
    }

    private static List<CsvRow> readAll(CsvRowReader reader) throws IOException {
        List<CsvRow> rows = new ArrayList<>();
        for (CsvRow row = reader.next(); row != null; row = reader.next()) {
            rows.add(row);
        }
        return rows;
    }

    private Path write(String text) throws IOException {
        return write(text.getBytes(StandardCharsets.UTF_8));
    }

    private Path write(byte[] content) throws IOException {
        Path file = Files.createTempFile(dir, "rows", ".csv");
        Files.write(file, content);
        return file;
    }

    private static void assertLines(List<CsvRow> rows, int... lines) {
        assertEquals(lines.length, rows.size(), () -> "rows: " + rows);
        for (int i = 0; i < lines.length; i++) {
            assertEquals(lines[i], rows.get(i).line(), "line of row " + i);
        }
    }
}
