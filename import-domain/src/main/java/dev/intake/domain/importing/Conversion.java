package dev.intake.domain.importing;

/**
 * The outcome of converting one cell: either the canonical text to store ({@link Value}) or why the cell was
 * refused ({@link Failure}, with a {@link RowErrorCode} and a sentence a person can act on).
 */
public sealed interface Conversion {

    /** The cell converted to its field's canonical text (ISO dates, plain decimals, lower-case emails). */
    record Value(String value) implements Conversion {
    }

    /** The cell refused: {@code code} is one of {@link RowErrorCode}, {@code message} says what was expected. */
    record Failure(String code, String message) implements Conversion {
    }

    static Conversion value(String value) {
        return new Value(value);
    }

    static Conversion failure(String code, String message) {
        return new Failure(code, message);
    }

    /** Whether the cell converted. */
    default boolean succeeded() {
        return this instanceof Value;
    }
}
