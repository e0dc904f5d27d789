package dev.intake.domain.app;

/**
 * The kinds of value a field holds. Each type decides how a CSV cell is converted and checked, and how its
 * canonical text reads (ISO dates, plain decimals, lower-case emails).
 */
public enum FieldType {
    TEXT, EMAIL, PHONE, URL, NUMBER, DECIMAL, DATE, DATETIME, BOOLEAN, CHOICE, REFERENCE;

    /** Whether a match key of this type compares ignoring letter case and surrounding spaces. */
    public boolean matchesIgnoringCase() {
        return this == EMAIL || this == TEXT || this == URL || this == CHOICE || this == REFERENCE;
    }
}
