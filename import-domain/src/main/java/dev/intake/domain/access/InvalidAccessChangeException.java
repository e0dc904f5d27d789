package dev.intake.domain.access;

/** A change to users, roles or tokens that cannot be made as asked; the message says why. */
public class InvalidAccessChangeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InvalidAccessChangeException(String message) {
        super(message);
    }
}
