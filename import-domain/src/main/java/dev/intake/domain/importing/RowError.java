package dev.intake.domain.importing;

/**
 * Why one row of a file could not be applied. {@code line} is the physical line of the file where the row
 * starts (the header is line 1); {@code column} is the CSV header as written, or null when the fault is the row's
 * as a whole; {@code code} is stable for clients; {@code message} is a sentence a person can act on.
 */
public record RowError(int line, String column, String value, String code, String message) {
}
