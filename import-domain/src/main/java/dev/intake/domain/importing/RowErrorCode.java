package dev.intake.domain.importing;

/**
 * The stable codes of {@link RowError}: why one row could not be applied. Clients and scripts branch on these, so a
 * code never changes its meaning once published; new faults get new codes.
 */
public final class RowErrorCode {

    /** A cell under an {@code EMAIL} field that is not an email address. */
    public static final String INVALID_EMAIL = "INVALID_EMAIL";

    /** A cell under a {@code NUMBER} or {@code DECIMAL} field that is not a number in the import's locale. */
    public static final String INVALID_NUMBER = "INVALID_NUMBER";

    /** A cell under a {@code DATE} field that is not an existing date in an accepted format. */
    public static final String INVALID_DATE = "INVALID_DATE";

    /** A cell under a {@code DATETIME} field that is not a date and time in an accepted format. */
    public static final String INVALID_DATETIME = "INVALID_DATETIME";

    /** A cell under a {@code BOOLEAN} field that is not one of the accepted yes/no words. */
    public static final String INVALID_BOOLEAN = "INVALID_BOOLEAN";

    /** A cell under a {@code CHOICE} field that is not one of the field's choices. */
    public static final String INVALID_CHOICE = "INVALID_CHOICE";

    /** A cell under a {@code PHONE} field that is not a phone number. */
    public static final String INVALID_PHONE = "INVALID_PHONE";

    /** A cell under a {@code URL} field that is not a web address. */
    public static final String INVALID_URL = "INVALID_URL";

    /** A value longer than its field's maximum length. */
    public static final String TOO_LONG = "TOO_LONG";

    /** A row that creates a record but leaves a required field blank. */
    public static final String REQUIRED_VALUE_MISSING = "REQUIRED_VALUE_MISSING";

    /** A value under a column whose header is blank, so it names no field. */
    public static final String VALUE_IN_UNNAMED_COLUMN = "VALUE_IN_UNNAMED_COLUMN";

    /** A row with more values than the header has columns. */
    public static final String TOO_MANY_VALUES = "TOO_MANY_VALUES";

    /** A {@code REFERENCE} value that names no record of the referenced app. */
    public static final String REFERENCE_NOT_FOUND = "REFERENCE_NOT_FOUND";

    /** A row whose match key finds more than one record. */
    public static final String AMBIGUOUS_MATCH = "AMBIGUOUS_MATCH";

    /** A row whose match key (the values of a rule's fields, joined) is longer than a stored key can be. */
    public static final String KEY_TOO_LONG = "KEY_TOO_LONG";

    /** A value holds a character no database column can store (NUL). */
    public static final String INVALID_CHARACTER = "INVALID_CHARACTER";

    /** Undo: the record was changed by another job (a later import, another undo) after the undone import. */
    public static final String CHANGED_SINCE_IMPORT = "CHANGED_SINCE_IMPORT";

    /** Undo: a match key the record had before the import now belongs to another record. */
    public static final String KEY_TAKEN = "KEY_TAKEN";

    /** Undo: the record the import touched no longer exists. */
    public static final String RECORD_GONE = "RECORD_GONE";

    private RowErrorCode() {
    }
}
