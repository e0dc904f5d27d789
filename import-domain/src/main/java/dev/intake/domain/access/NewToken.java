package dev.intake.domain.access;

/**
 * A token just created: its id, the secret itself, which is never shown again, and the secret that signs the
 * callbacks of imports started with it (null when the token has none).
 */
public record NewToken(String id, String token, String callbackSecret) {
}
