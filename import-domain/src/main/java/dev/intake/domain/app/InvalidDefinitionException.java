package dev.intake.domain.app;

/** An app definition that cannot be stored as given; the message says what to change. */
public class InvalidDefinitionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InvalidDefinitionException(String message) {
        super(message);
    }
}
