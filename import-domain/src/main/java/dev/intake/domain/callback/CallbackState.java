package dev.intake.domain.callback;

/** Where a callback delivery is: waiting for its next attempt, answered with 2xx, or given up after a day. */
public enum CallbackState {
    PENDING, DELIVERED, GAVE_UP
}
