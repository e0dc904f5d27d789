package dev.intake.domain.importing;

/**
 * How a file is read: all optional. A null delimiter or encoding is detected from the file; {@code dateFormat}
 * adds one java.time pattern to ISO-8601; {@code locale} (a BCP 47 tag) decides how numbers are written;
 * {@code maxErrors} stops a hopeless file after that many failed rows. {@code dryRun} reads, converts and matches
 * every row but writes no record: the job only says what the import would do.
 */
public record ImportOptions(Character delimiter, String encoding, String dateFormat, String locale,
        boolean ignoreUnknownColumns, int maxErrors, boolean dryRun) {

    public static final int DEFAULT_MAX_ERRORS = 1000;

    /** Options of a real import, not a dry run. */
    public ImportOptions(Character delimiter, String encoding, String dateFormat, String locale,
            boolean ignoreUnknownColumns, int maxErrors) {
        this(delimiter, encoding, dateFormat, locale, ignoreUnknownColumns, maxErrors, false);
    }

    /** Detect everything, refuse unknown columns, stop after 1000 failed rows. */
    public static ImportOptions defaults() {
        return new ImportOptions(null, null, null, null, false, DEFAULT_MAX_ERRORS);
    }

    /** The same options, as a dry run or not. */
    public ImportOptions withDryRun(boolean asDryRun) {
        return new ImportOptions(delimiter, encoding, dateFormat, locale, ignoreUnknownColumns, maxErrors, asDryRun);
    }
}
