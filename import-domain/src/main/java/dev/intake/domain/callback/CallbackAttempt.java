package dev.intake.domain.callback;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * One attempt to deliver a callback, kept for the import's history: when, the HTTP status the receiver answered
 * (none when it could not be reached), what went wrong, and when the next attempt is due (none after success or
 * the last attempt).
 */
@Entity
@Table(name = "callback_attempt")
public class CallbackAttempt {

    @Id
    @Column(name = "id", length = 36)
    private String id;

    @Column(name = "job_id", nullable = false, length = 36)
    private String jobId;

    @Column(name = "attempt", nullable = false)
    private int attempt;

    @Column(name = "at", nullable = false)
    private Instant at;

    @Column(name = "status_code")
    private Integer statusCode;

    @Column(name = "error", length = 1000)
    private String error;

    @Column(name = "next_attempt_at")
    private Instant nextAttemptAt;

    protected CallbackAttempt() {
    }

    CallbackAttempt(String jobId, int attempt, Instant at, Integer statusCode, String error, Instant nextAttemptAt) {
        this.id = UUID.randomUUID().toString();
        this.jobId = jobId;
        this.attempt = attempt;
        this.at = at;
        this.statusCode = statusCode;
        this.error = error == null || error.length() <= 1000 ? error : error.substring(0, 1000);
        this.nextAttemptAt = nextAttemptAt;
    }

    public String jobId() {
        return jobId;
    }

    public int attempt() {
        return attempt;
    }

    public Instant at() {
        return at;
    }

    /** The receiver's HTTP status, or null when no answer came. */
    public Integer statusCode() {
        return statusCode;
    }

    /** Why the attempt did not count as delivered, or null when it did. */
    public String error() {
        return error;
    }

    public Instant nextAttemptAt() {
        return nextAttemptAt;
    }
}
