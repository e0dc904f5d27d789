package dev.intake.domain.importing.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.intake.domain.importing.ImportOptions;
import dev.intake.domain.importing.ImportRefusedException;
import dev.intake.domain.importing.SharedData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvFormatDetectorTest {

    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    @TempDir
    Path dir;

    @Test
    void detectsUtf8FromByteOrderMark() throws IOException {
        Path file = write(bytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, "email,name\r\n"));

        CsvFormat format = CsvFormatDetector.detect(file, ImportOptions.defaults());

        assertEquals(new CsvFormat(StandardCharsets.UTF_8, ',', true), format);
    }

    @Test
    void detectsUtf16LittleEndianFromByteOrderMark() throws IOException {
        byte[] text = "email;name\r\n".getBytes(StandardCharsets.UTF_16LE);
        Path file = write(concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, text));

        CsvFormat format = CsvFormatDetector.detect(file, ImportOptions.defaults());

        assertEquals(new CsvFormat(StandardCharsets.UTF_16LE, ';', true), format);
    }

    @Test
    void detectsUtf16BigEndianFromByteOrderMark() throws IOException {
        byte[] text = "email\tname\n".getBytes(StandardCharsets.UTF_16BE);
        Path file = write(concat(new byte[] {(byte) 0xFE, (byte) 0xFF}, text));

        CsvFormat format = CsvFormatDetector.detect(file, ImportOptions.defaults());

        assertEquals(new CsvFormat(StandardCharsets.UTF_16BE, '\t', true), format);
    }

    @Test
    void detectsUtf8WithoutByteOrderMarkWhenTheBytesAreValidUtf8() throws IOException {
        Path file = write("name,city\nLéa,Zürich\n".getBytes(StandardCharsets.UTF_8));

        CsvFormat format = CsvFormatDetector.detect(file, ImportOptions.defaults());

        assertEquals(new CsvFormat(StandardCharsets.UTF_8, ',', false), format);
    }

    @Test
    void fallsBackToWindows1252WhenTheBytesAreNotUtf8() throws IOException {
        Path file = write("last_name,city\r\nÖzil,Köln\r\n".getBytes(WINDOWS_1252));

        CsvFormat format = CsvFormatDetector.detect(file, ImportOptions.defaults());

        assertEquals(WINDOWS_1252, format.charset());
        assertFalse(format.byteOrderMark());
    }

    @Test
    void forgivesAUtf8SequenceCutWhereTheSampleEnds() throws IOException {
        StringBuilder text = new StringBuilder("name\n");
        while (text.length() < CsvFormatDetector.SAMPLE_SIZE - 1) {
            text.append('a');
        }
        text.setLength(CsvFormatDetector.SAMPLE_SIZE - 1);
        text.append("€ and more\n");
        Path file = write(text.toString().getBytes(StandardCharsets.UTF_8));

        CsvFormat format = CsvFormatDetector.detect(file, ImportOptions.defaults());

        assertEquals(StandardCharsets.UTF_8, format.charset());
    }

    @Test
    void judgesTheEncodingOnInvalidBytesWithinTheSample() throws IOException {
        byte[] start = "name\nZ".getBytes(StandardCharsets.US_ASCII);
        byte[] invalid = {(byte) 0xFC, 'r', 'i', 'c', 'h', '\n'};
        Path file = write(concat(start, invalid));

        CsvFormat format = CsvFormatDetector.detect(file, ImportOptions.defaults());

        assertEquals(WINDOWS_1252, format.charset());
    }

    @Test
    void encodingOptionOverridesDetection() throws IOException {
        Path file = write("name\nplain\n".getBytes(StandardCharsets.US_ASCII));

        CsvFormat format = CsvFormatDetector.detect(file, options(null, "ISO-8859-15"));

        assertEquals(Charset.forName("ISO-8859-15"), format.charset());
    }

    @Test
    void refusesAnUnknownEncodingOptionNamingIt() throws IOException {
        Path file = write("name\nplain\n".getBytes(StandardCharsets.US_ASCII));

        ImportRefusedException refused = assertThrows(ImportRefusedException.class,
                () -> CsvFormatDetector.detect(file, options(null, "klingon-8")));

        assertEquals("INVALID_OPTION", refused.code());
        assertTrue(refused.getMessage().contains("'klingon-8'"), refused.getMessage());
    }

    @Test
    void refusesAnIllegalEncodingName() throws IOException {
        Path file = write("name\nplain\n".getBytes(StandardCharsets.US_ASCII));

        ImportRefusedException refused = assertThrows(ImportRefusedException.class,
                () -> CsvFormatDetector.detect(file, options(null, "not a charset!")));

        assertEquals("INVALID_OPTION", refused.code());
    }

    @Test
    void detectsSemicolonFromHeaderLine() throws IOException {
        Path file = write("email;first_name;company\nrui@example.com;Rui;Costa, Lda\n");

        assertEquals(';', CsvFormatDetector.detect(file, ImportOptions.defaults()).delimiter());
    }

    @Test
    void detectsTabFromHeaderLine() throws IOException {
        Path file = write("email\tfirst_name\tnotes\na@example.com\tAl\tx, y, z\n");

        assertEquals('\t', CsvFormatDetector.detect(file, ImportOptions.defaults()).delimiter());
    }

    @Test
    void detectsPipeFromHeaderLine() throws IOException {
        Path file = write("email|first_name|last_name\n");

        assertEquals('|', CsvFormatDetector.detect(file, ImportOptions.defaults()).delimiter());
    }

    @Test
    void countsDelimitersOutsideQuotesOnly() throws IOException {
        Path file = write("\"a;b;c;d\",\"e;f\",g\n");

        assertEquals(',', CsvFormatDetector.detect(file, ImportOptions.defaults()).delimiter());
    }

    @Test
    void looksAtTheHeaderLineOnly() throws IOException {
        Path file = write("email,name\nx;y;z;w;v\n");

        assertEquals(',', CsvFormatDetector.detect(file, ImportOptions.defaults()).delimiter());
    }

    @Test
    void tiePrefersComma() throws IOException {
        Path file = write("a;b,c\n");

        assertEquals(',', CsvFormatDetector.detect(file, ImportOptions.defaults()).delimiter());
    }

    @Test
    void singleColumnHeaderGetsComma() throws IOException {
        Path file = write("email\na@example.com\n");

        assertEquals(',', CsvFormatDetector.detect(file, ImportOptions.defaults()).delimiter());
    }

    @Test
    void passesOverBlankAndDelimiterOnlyLinesBeforeTheHeader() throws IOException {
        Path file = write("\r\n,,,,\r\n   \r\nemail;name\r\n");

        assertEquals(';', CsvFormatDetector.detect(file, ImportOptions.defaults()).delimiter());
    }

    @Test
    void delimiterOptionOverridesDetection() throws IOException {
        Path file = write("a;b;c|d\n");

        assertEquals('|', CsvFormatDetector.detect(file, options('|', null)).delimiter());
    }

    @Test
    void refusesAQuoteAsDelimiterOption() throws IOException {
        Path file = write("a,b\n");

        ImportRefusedException refused = assertThrows(ImportRefusedException.class,
                () -> CsvFormatDetector.detect(file, options('"', null)));

        assertEquals("INVALID_OPTION", refused.code());
    }

    @Test
    void refusesAnEmptyFile() throws IOException {
        Path file = write(new byte[0]);

        ImportRefusedException refused = assertThrows(ImportRefusedException.class,
                () -> CsvFormatDetector.detect(file, ImportOptions.defaults()));

        assertEquals("INVALID_CSV", refused.code());
        assertTrue(refused.getMessage().startsWith("The file is empty: "), refused.getMessage());
    }

    @Test
    void refusesAFileOfOnlyAByteOrderMarkAndBlankLines() throws IOException {
        Path file = write(bytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, "\r\n  \r\n,,\r\n"));

        ImportRefusedException refused = assertThrows(ImportRefusedException.class,
                () -> CsvFormatDetector.detect(file, ImportOptions.defaults()));

        assertEquals("INVALID_CSV", refused.code());
    }

    @Test
    void detectsSemicolonInTheSharedSemicolonCase() {
        CsvFormat format = CsvFormatDetector.detect(SharedData.caseFile("02_semicolon.csv"), ImportOptions.defaults());

        assertEquals(new CsvFormat(StandardCharsets.UTF_8, ';', false), format);
    }

    @Test
    void detectsByteOrderMarkInTheSharedBomCase() {
        CsvFormat format = CsvFormatDetector.detect(SharedData.caseFile("01_bom_header.csv"),
                ImportOptions.defaults());

        assertEquals(new CsvFormat(StandardCharsets.UTF_8, ',', true), format);
    }

    @Test
    void detectsWindows1252InTheSharedWindowsCase() {
        CsvFormat format = CsvFormatDetector.detect(SharedData.caseFile("12_windows1252.csv"),
                ImportOptions.defaults());

        assertEquals(new CsvFormat(WINDOWS_1252, ',', false), format);
    }

    @Test
    void detectsSemicolonInTheRealFrappeFile() {
        CsvFormat format = CsvFormatDetector.detect(SharedData.realFile("frappe_sample_import_file_semicolon.csv"),
                ImportOptions.defaults());

        assertEquals(';', format.delimiter());
    }

    private Path write(String text) throws IOException {
        return write(text.getBytes(StandardCharsets.UTF_8));
    }

    private Path write(byte[] content) throws IOException {
        Path file = Files.createTempFile(dir, "format", ".csv");
        Files.write(file, content);
        return file;
    }

    private static byte[] bytes(byte[] prefix, String latin1) {
        return concat(prefix, latin1.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static byte[] concat(byte[] first, byte[] second) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(first);
        out.writeBytes(second);
        return out.toByteArray();
    }

    private static ImportOptions options(Character delimiter, String encoding) {
        return new ImportOptions(delimiter, encoding, null, null, false, ImportOptions.DEFAULT_MAX_ERRORS);
    }
}
