package dev.intake.domain.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SecretsTest {

    @Test
    void hashesPasswordsWithASaltSoThatEqualPasswordsDiffer() {
        String first = Secrets.hashPassword("correct horse battery");
        String second = Secrets.hashPassword("correct horse battery");

        assertNotEquals(first, second);
        assertTrue(first.startsWith("pbkdf2-sha256$210000$"), first);
        assertFalse(first.contains("correct horse"));
    }

    @Test
    void acceptsOnlyTheRightPassword() {
        String stored = Secrets.hashPassword("correct horse battery");

        assertTrue(Secrets.passwordMatches("correct horse battery", stored));
        assertFalse(Secrets.passwordMatches("correct horse batterY", stored));
        assertFalse(Secrets.passwordMatches("correct horse battery", "plain-text"));
    }

    @Test
    void keepsTokensAsSha256HexNeverAsThemselves() {
        String token = Secrets.newToken();

        assertTrue(token.startsWith("itk_") && token.length() > 40, token);
        assertEquals(64, Secrets.hashToken(token).length());
        assertEquals(Secrets.hashToken(token), Secrets.hashToken(token));
        assertNotEquals(Secrets.newToken(), Secrets.newToken());
    }
}
