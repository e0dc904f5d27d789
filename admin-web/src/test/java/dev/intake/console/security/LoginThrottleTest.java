package dev.intake.console.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    @Test
    void waitsNothingBeforeTheFirstFailure() {
        assertEquals(Duration.ZERO, LoginThrottle.delayFor(0));
    }

    @Test
    void doublesTheWaitWithEveryFailureUpToFiveSeconds() {
        assertEquals(Duration.ofMillis(250), LoginThrottle.delayFor(1));
        assertEquals(Duration.ofMillis(500), LoginThrottle.delayFor(2));
        assertEquals(Duration.ofMillis(2000), LoginThrottle.delayFor(4));
        assertEquals(Duration.ofSeconds(5), LoginThrottle.delayFor(6));
        assertEquals(Duration.ofSeconds(5), LoginThrottle.delayFor(60));
    }

    @Test
    void clearsTheCountOnSuccessAndIgnoresLetterCaseOfTheName() {
        LoginThrottle throttle = new LoginThrottle();
        throttle.recordFailure("Admin");
        throttle.recordFailure("admin ");
        assertEquals(Duration.ofMillis(500), throttle.pendingDelay("ADMIN"));

        throttle.recordSuccess("ADMIN");
        assertEquals(Duration.ZERO, throttle.pendingDelay("admin"));
    }
}
