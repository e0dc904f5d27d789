package dev.intake.domain.callback;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * When a failed callback is tried again: after 1, 5, 15 and 60 first steps, then 3, 6 and 12 hours' worth, each
 * pause counted from the attempt that failed, for at most a day after the first attempt; the last attempt falls
 * on the end of that day. The first step is a minute unless {@code INTAKE_CALLBACK_RETRY_SECONDS} says otherwise,
 * and every pause and the day itself scale with it, so that tests can run the whole schedule in seconds.
 */
public final class CallbackSchedule {

    /** The pauses after the first, second, ... failed attempt, in first steps; the last one repeats. */
    static final List<Integer> PAUSES = List.of(1, 5, 15, 60, 180, 360, 720);

    /** How long attempts go on after the first one, in first steps: a day when a step is a minute. */
    static final int WINDOW = 1440;

    private final Duration firstStep;

    public CallbackSchedule(Duration firstStep) {
        if (firstStep.isNegative() || firstStep.isZero()) {
            throw new IllegalArgumentException("The first retry step must be positive; got " + firstStep);
        }
        this.firstStep = firstStep;
    }

    /** The time of the next attempt after {@code attemptsMade} failed ones, or empty when there is none. */
    public Optional<Instant> nextAttempt(Instant firstAttemptAt, int attemptsMade, Instant lastAttemptAt) {
        Instant end = firstAttemptAt.plus(window());
        if (!lastAttemptAt.isBefore(end)) {
            return Optional.empty();
        }
        int steps = PAUSES.get(Math.min(Math.max(attemptsMade, 1), PAUSES.size()) - 1);
        Instant next = lastAttemptAt.plus(firstStep.multipliedBy(steps));
        return Optional.of(next.isAfter(end) ? end : next);
    }

    /** How long after the first attempt the last one may be. */
    public Duration window() {
        return firstStep.multipliedBy(WINDOW);
    }
}
