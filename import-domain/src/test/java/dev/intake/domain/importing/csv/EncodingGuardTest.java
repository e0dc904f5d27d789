package dev.intake.domain.importing.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.intake.domain.importing.ImportOptions;
import dev.intake.domain.importing.ImportRefusedException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EncodingGuardTest {

    @Test
    void readsAUtf8FileWithOneStrayLatin1ByteAsUtf8SoThatTheStrayLineIsReported(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes("email,first_name\nm1@example.com,Jürgen\n".getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes("m2@example.com,J".getBytes(StandardCharsets.US_ASCII));
        bytes.write(0xFC);
        bytes.writeBytes("rgen\n".getBytes(StandardCharsets.US_ASCII));
        Path file = Files.write(dir.resolve("mixed.csv"), bytes.toByteArray());

        CsvFormat format = CsvFormatDetector.detect(file, ImportOptions.defaults());

        assertEquals(StandardCharsets.UTF_8, format.charset());
        try (CsvRowReader reader = CsvRowReader.open(file, format)) {
            reader.next();
            assertEquals("Jürgen", reader.next().cell(1));
            ImportRefusedException refused = assertThrows(ImportRefusedException.class, reader::next);
            assertEquals("INVALID_CSV", refused.code());
            assertTrue(refused.getMessage().contains("Line 3"), refused.getMessage());
        }
    }

    @Test
    void stillReadsAPlainWindows1252FileAsWindows1252(@TempDir Path dir) throws Exception {
        Path file = Files.write(dir.resolve("latin.csv"), "name\nK\u00f6ln\n".getBytes("windows-1252"));

        assertEquals("windows-1252", CsvFormatDetector.detect(file, ImportOptions.defaults()).charset().name());
    }

    @Test
    void refusesABinaryFileAsNotCsvText(@TempDir Path dir) throws Exception {
        Path file = Files.write(dir.resolve("program.bin"), new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0});

        ImportRefusedException refused = assertThrows(ImportRefusedException.class,
                () -> CsvFormatDetector.detect(file, ImportOptions.defaults()));

        assertEquals("INVALID_CSV", refused.code());
        assertTrue(refused.getMessage().contains("NUL bytes"), refused.getMessage());
    }
}
