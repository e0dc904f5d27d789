package dev.intake.domain.access;

/** A token just created: its id, and the secret itself, which is never shown again. */
public record NewToken(String id, String token) {
}
