package dev.intake.console.security;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Slows down password guessing: after a failed login for a user name, the next attempt for that name waits,
 * doubling with every further failure up to a few seconds. A success clears the count. Kept per node in memory.
 */
@ApplicationScoped
public class LoginThrottle {

    private static final Duration FIRST_DELAY = Duration.ofMillis(250);
    private static final Duration MAX_DELAY = Duration.ofSeconds(5);
    private static final int MAX_TRACKED = 10_000;

    private final ConcurrentMap<String, Integer> failures = new ConcurrentHashMap<>();

    void waitBeforeAttempt(String username) {
        long delay = pendingDelay(username).toMillis();
        if (delay == 0) {
            return;
        }
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void recordFailure(String username) {
        if (failures.size() >= MAX_TRACKED) {
            failures.clear();
        }
        failures.merge(key(username), 1, Integer::sum);
    }

    void recordSuccess(String username) {
        failures.remove(key(username));
    }

    /** How long the next attempt for this user name will wait. */
    Duration pendingDelay(String username) {
        return delayFor(failures.getOrDefault(key(username), 0));
    }

    static Duration delayFor(int failureCount) {
        if (failureCount == 0) {
            return Duration.ZERO;
        }
        Duration delay = FIRST_DELAY.multipliedBy(1L << Math.min(failureCount - 1, 10));
        return delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay;
    }

    private static String key(String username) {
        return username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
    }
}
