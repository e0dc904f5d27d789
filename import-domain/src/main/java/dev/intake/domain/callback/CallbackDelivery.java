package dev.intake.domain.callback;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * The callback of one finished import: where it goes, which token's secret signs it, and how far its delivery has
 * come. Created {@link CallbackState#PENDING} in the transaction that ends the job, due at once; each attempt
 * moves it to {@code DELIVERED} (a 2xx answer), to a later {@code nextAttemptAt}, or to {@code GAVE_UP} once the
 * schedule's day is over. A node sends an attempt only after claiming the delivery with one conditional update,
 * until {@code claimedUntil}, so that of several nodes exactly one sends it.
 */
@Entity
@Table(name = "callback_delivery")
public class CallbackDelivery {

    @Id
    @Column(name = "job_id", length = 36)
    private String jobId;

    @Column(name = "url", nullable = false, length = 2000)
    private String url;

    @Column(name = "token_id", length = 36)
    private String tokenId;

    @Enumerated(EnumType.STRING)
    @Column(name = "state", nullable = false)
    private CallbackState state;

    @Column(name = "attempts", nullable = false)
    private int attempts;

    @Column(name = "first_attempt_at")
    private Instant firstAttemptAt;

    @Column(name = "next_attempt_at")
    private Instant nextAttemptAt;

    @Column(name = "delivered_at")
    private Instant deliveredAt;

    @Column(name = "claimed_by", length = 200)
    private String claimedBy;

    @Column(name = "claimed_until")
    private Instant claimedUntil;

    protected CallbackDelivery() {
    }

    CallbackDelivery(String jobId, String url, String tokenId, Instant dueAt) {
        this.jobId = jobId;
        this.url = url;
        this.tokenId = tokenId;
        this.state = CallbackState.PENDING;
        this.nextAttemptAt = dueAt;
    }

    /** Counts an attempt and moves to its outcome; answers the attempt's number. */
    int recordAttempt(Instant at, boolean delivered, Instant next) {
        attempts++;
        if (firstAttemptAt == null) {
            firstAttemptAt = at;
        }
        if (delivered) {
            state = CallbackState.DELIVERED;
            deliveredAt = at;
        }
        nextAttemptAt = delivered ? null : next;
        if (!delivered && next == null) {
            state = CallbackState.GAVE_UP;
        }
        claimedBy = null;
        claimedUntil = null;
        return attempts;
    }

    public String jobId() {
        return jobId;
    }

    public String url() {
        return url;
    }

    public String tokenId() {
        return tokenId;
    }

    public CallbackState state() {
        return state;
    }

    public int attempts() {
        return attempts;
    }

    public Instant firstAttemptAt() {
        return firstAttemptAt;
    }

    public Instant nextAttemptAt() {
        return nextAttemptAt;
    }

    public Instant deliveredAt() {
        return deliveredAt;
    }
}
