package dev.intake.domain.callback;

import java.time.Instant;
import java.util.List;

/** An import's callback as the history shows it: where it goes, how far it came, and every attempt so far. */
public record CallbackStatus(String url, CallbackState state, Instant nextAttemptAt, Instant deliveredAt,
        List<CallbackAttempt> attempts) {

    public CallbackStatus {
        attempts = List.copyOf(attempts);
    }
}
