package dev.intake.domain.importing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ImportRequestTest {

    @Test
    void namesAnUploadThatCameWithoutAnyNameUploadCsv() {
        ImportRequest blank = new ImportRequest("contact", " ", Path.of("x"), ImportOptions.defaults(), "erp");
        ImportRequest none = new ImportRequest("contact", null, Path.of("x"), ImportOptions.defaults(), "erp");

        assertEquals("upload.csv", blank.fileName());
        assertEquals("upload.csv", none.fileName());
    }

    @Test
    void keepsAGivenName() {
        ImportRequest named = new ImportRequest("contact", "people.csv", Path.of("x"), ImportOptions.defaults(), "erp");

        assertEquals("people.csv", named.fileName());
    }
}
