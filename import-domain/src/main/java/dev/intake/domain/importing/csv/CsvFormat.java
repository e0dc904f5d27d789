package dev.intake.domain.importing.csv;

import java.nio.charset.Charset;
import java.util.Objects;

/**
 * How one CSV file is written: the character set its bytes decode with, the character between values, and whether
 * it starts with a byte-order mark. Found by {@link CsvFormatDetector}, used by {@link CsvRowReader}.
 */
public record CsvFormat(Charset charset, char delimiter, boolean byteOrderMark) {

    public CsvFormat {
        Objects.requireNonNull(charset, "charset");
        if (delimiter == '"' || delimiter == '\r' || delimiter == '\n') {
            throw new IllegalArgumentException("A quote or line break cannot separate values");
        }
    }
}
