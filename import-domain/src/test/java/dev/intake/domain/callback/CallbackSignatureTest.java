package dev.intake.domain.callback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CallbackSignatureTest {

    private static final byte[] BODY = "{\"importId\":\"j1\",\"status\":\"COMPLETED\"}"
            .getBytes(StandardCharsets.UTF_8);

    @Test
    void signsTimestampFullStopAndBodyWithHmacSha256OfTheSecret() {
        // Expected value computed independently: Python's hmac.new(secret, b"1764849600." + body, sha256).
        assertEquals("sha256=fcf91f30985f8303301fd872929b3d6fa8aa4fc0f60d3eb58bdc14437a9dd376",
                CallbackSignature.sign("itcs_test-secret", 1764849600L, BODY));
    }

    @Test
    void anotherTimestampGivesAnotherSignatureSoAReplayWithANewTimestampFailsVerification() {
        assertEquals("sha256=0bfa242b623d5be10ce2cac0ecbe0a491fb4d55dc74b3b559015311747080c74",
                CallbackSignature.sign("itcs_test-secret", 1764849601L, BODY));
    }

    @Test
    void anotherSecretOrAChangedBodyGivesAnotherSignature() {
        String original = CallbackSignature.sign("itcs_test-secret", 1764849600L, BODY);
        byte[] changed = "{\"importId\":\"j1\",\"status\":\"FAILED\"}".getBytes(StandardCharsets.UTF_8);

        assertNotEquals(original, CallbackSignature.sign("itcs_other-secret", 1764849600L, BODY));
        assertNotEquals(original, CallbackSignature.sign("itcs_test-secret", 1764849600L, changed));
    }
}
