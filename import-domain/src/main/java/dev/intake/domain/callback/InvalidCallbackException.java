package dev.intake.domain.callback;

/** A callback URL or allowed-host entry that cannot be meant; the message says what is expected instead. */
public class InvalidCallbackException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InvalidCallbackException(String message) {
        super(message);
    }
}
