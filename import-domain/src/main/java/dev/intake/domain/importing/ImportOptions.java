package dev.intake.domain.importing;

/**
 * How a file is read: all optional. A null delimiter or encoding is detected from the file; {@code dateFormat}
 * adds one java.time pattern to ISO-8601; {@code locale} (a BCP 47 tag) decides how numbers are written;
 * {@code maxErrors} stops a hopeless file after that many failed rows.
 */
public record ImportOptions(Character delimiter, String encoding, String dateFormat, String locale,
        boolean ignoreUnknownColumns, int maxErrors) {

    public static final int DEFAULT_MAX_ERRORS = 1000;

    /** Detect everything, refuse unknown columns, stop after 1000 failed rows. */
    public static ImportOptions defaults() {
        return new ImportOptions(null, null, null, null, false, DEFAULT_MAX_ERRORS);
    }
}
