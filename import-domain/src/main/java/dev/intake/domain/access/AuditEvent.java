package dev.intake.domain.access;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One change to who may do what: a user saved, a role defined, a token created or revoked; with who made it and
 * when. Never holds a password or a token.
 */
@Entity
@Table(name = "audit_event")
public class AuditEvent {

    /** From the sequence {@code audit_event_ids}, so that newer events have larger ids. */
    @Id
    @Column(name = "id")
    private Long id;

    @Column(name = "at", nullable = false)
    private Instant at;

    @Column(name = "actor", nullable = false, length = 100)
    private String actor;

    @Column(name = "action", nullable = false, length = 50)
    private String action;

    @Column(name = "subject", nullable = false, length = 255)
    private String subject;

    @Column(name = "detail", length = 2000)
    private String detail;

    protected AuditEvent() {
    }

    AuditEvent(long id, Instant at, String actor, String action, String subject, String detail) {
        this.id = id;
        this.at = at;
        this.actor = actor;
        this.action = action;
        this.subject = subject;
        this.detail = detail;
    }

    public Long id() {
        return id;
    }

    public Instant at() {
        return at;
    }

    public String actor() {
        return actor;
    }

    public String action() {
        return action;
    }

    public String subject() {
        return subject;
    }

    public String detail() {
        return detail;
    }
}
