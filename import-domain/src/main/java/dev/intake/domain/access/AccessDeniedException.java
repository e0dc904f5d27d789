package dev.intake.domain.access;

/** A caller asked for something their roles do not allow; the message names the permission. */
public class AccessDeniedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public AccessDeniedException(String message) {
        super(message);
    }
}
