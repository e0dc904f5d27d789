package dev.intake.domain.access;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A bearer token that lets a program act as its owner. Only the SHA-256 hash of the token is stored: the token
 * itself is shown once, when it is created. A token may expire and may be revoked; either ends it at once. Tokens
 * created through {@code createToken} also carry a callback secret, shown once with the token and kept readable.
 */
@Entity
@Table(name = "api_token")
public class ApiToken {

    @Id
    @Column(name = "id", length = 36)
    private String id;

    @Column(name = "username", nullable = false)
    private String username;

    @Column(name = "name", nullable = false)
    private String name;

    @Column(name = "token_hash", nullable = false, length = 64)
    private String tokenHash;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "expires_at")
    private Instant expiresAt;

    @Column(name = "last_used_at")
    private Instant lastUsedAt;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    /**
     * The secret that signs the callbacks of imports started with this token. Stored as it is, not hashed: Intake
     * needs it to sign. Null for tokens that have none (the bootstrap token, tokens from before callbacks).
     */
    @Column(name = "callback_secret", length = 100)
    private String callbackSecret;

    protected ApiToken() {
    }

    ApiToken(String username, String name, String tokenHash, Instant createdAt, Instant expiresAt) {
        this.id = UUID.randomUUID().toString();
        this.username = username;
        this.name = name;
        this.tokenHash = tokenHash;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
    }

    void keepCallbackSecret(String secret) {
        callbackSecret = secret;
    }

    /** Whether the token may be used at this moment: neither revoked nor expired. */
    public boolean isActive(Instant now) {
        return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
    }

    void markUsed(Instant now) {
        lastUsedAt = now;
    }

    void revoke(Instant now) {
        if (revokedAt == null) {
            revokedAt = now;
        }
    }

    public String id() {
        return id;
    }

    public String username() {
        return username;
    }

    public String name() {
        return name;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public Instant lastUsedAt() {
        return lastUsedAt;
    }

    public Instant revokedAt() {
        return revokedAt;
    }

    /** The callback signing secret, if the token has one. */
    public String callbackSecret() {
        return callbackSecret;
    }
}
