package dev.intake.domain.callback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CallbackScheduleTest {

    private static final Instant FIRST = Instant.parse("2026-12-04T12:00:00Z");

    @Test
    void retriesAfterOneFiveFifteenMinutesAnHourThenHoursForADayWhenEveryAttemptFailsAtOnce() {
        List<Duration> sinceFirst = attemptsUntilGivingUp(new CallbackSchedule(Duration.ofSeconds(60)));

        assertEquals(List.of(Duration.ZERO, minutes(1), minutes(6), minutes(21), minutes(81), minutes(261),
                minutes(621), minutes(1341), Duration.ofHours(24)), sinceFirst);
    }

    @Test
    void countsEachPauseFromTheAttemptThatFailedNotFromThePlan() {
        CallbackSchedule schedule = new CallbackSchedule(Duration.ofSeconds(60));
        Instant slowSecondAttempt = FIRST.plus(minutes(1)).plusSeconds(10);

        assertEquals(Optional.of(slowSecondAttempt.plus(minutes(5))), schedule.nextAttempt(FIRST, 2,
                slowSecondAttempt));
    }

    @Test
    void neverPlansPastTheDayAndGivesUpOnceItIsOver() {
        CallbackSchedule schedule = new CallbackSchedule(Duration.ofSeconds(60));

        assertEquals(Optional.of(FIRST.plus(Duration.ofHours(24))),
                schedule.nextAttempt(FIRST, 8, FIRST.plus(Duration.ofHours(23))));
        assertEquals(Optional.empty(), schedule.nextAttempt(FIRST, 9, FIRST.plus(Duration.ofHours(24))));
        assertEquals(Optional.empty(), schedule.nextAttempt(FIRST, 3, FIRST.plus(Duration.ofHours(25))));
    }

    @Test
    void theFirstStepScalesTheWholeScheduleSoTestsRunItInSeconds() {
        CallbackSchedule schedule = new CallbackSchedule(Duration.ofSeconds(1));

        assertEquals(Duration.ofMinutes(24), schedule.window());
        assertEquals(Optional.of(FIRST.plusSeconds(1)), schedule.nextAttempt(FIRST, 1, FIRST));
        assertEquals(Optional.of(FIRST.plusSeconds(6)), schedule.nextAttempt(FIRST, 2, FIRST.plusSeconds(1)));
    }

    @Test
    void refusesAFirstStepThatIsNotPositive() {
        assertThrows(IllegalArgumentException.class, () -> new CallbackSchedule(Duration.ZERO));
    }

    private static List<Duration> attemptsUntilGivingUp(CallbackSchedule schedule) {
        List<Duration> attempts = new ArrayList<>();
        Optional<Instant> next = Optional.of(FIRST);
        while (next.isPresent()) {
            Instant at = next.get();
            attempts.add(Duration.between(FIRST, at));
            next = schedule.nextAttempt(FIRST, attempts.size(), at);
        }
        return attempts;
    }

    private static Duration minutes(long minutes) {
        return Duration.ofMinutes(minutes);
    }
}
