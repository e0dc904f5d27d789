package dev.intake.domain.callback;

import dev.intake.domain.config.IntakeSettings;
import dev.intake.domain.importing.ImportJob;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The stored callback deliveries: scheduling one when a job ends, finding and claiming the due ones, recording
 * each attempt, and answering an import's callback for its history. Each step is its own transaction except
 * scheduling, which belongs to the transaction that ends the job.
 */
@ApplicationScoped
public class CallbackDeliveries {

    /**
     * How long a node holds a claimed delivery: longer than an attempt's connect and read timeouts together. A node
     * that dies after sending but before recording the answer leaves the claim to lapse, and the callback is sent
     * again: delivery is at least once (README, Callbacks).
     */
    static final Duration CLAIM_LEASE = Duration.ofMinutes(1);

    private static final Logger LOG = Logger.getLogger(CallbackDeliveries.class.getName());

    @PersistenceContext(unitName = "intake")
    EntityManager em;

    @Inject
    IntakeSettings settings;

    @Inject
    Clock clock;

    /** Schedules the callback of a job that has just ended, due at once, when the job asked for one. */
    @Transactional(TxType.MANDATORY)
    public void schedule(ImportJob job) {
        if (job.callbackUrl() == null || em.find(CallbackDelivery.class, job.id()) != null) {
            return;
        }
        em.persist(new CallbackDelivery(job.id(), job.callbackUrl(), job.callbackTokenId(), job.finishedAt()));
    }

    /** Deliveries whose next attempt is due and that no node holds, oldest first. */
    @Transactional(TxType.REQUIRES_NEW)
    public List<String> due(int limit) {
        Instant now = clock.instant();
        return em.createQuery("select d.jobId from CallbackDelivery d where d.state = :pending"
                + " and d.nextAttemptAt <= :now and (d.claimedUntil is null or d.claimedUntil < :now)"
                + " order by d.nextAttemptAt", String.class)
                .setParameter("pending", CallbackState.PENDING).setParameter("now", now)
                .setMaxResults(limit).getResultList();
    }

    /** Claims a due delivery for this node with one conditional update: of several nodes, exactly one wins. */
    @Transactional(TxType.REQUIRES_NEW)
    public boolean claim(String jobId) {
        Instant now = clock.instant();
        int claimed = em.createQuery("update CallbackDelivery d set d.claimedBy = :node, d.claimedUntil = :until"
                + " where d.jobId = :id and d.state = :pending and d.nextAttemptAt <= :now"
                + " and (d.claimedUntil is null or d.claimedUntil < :now)")
                .setParameter("node", settings.nodeId()).setParameter("until", now.plus(CLAIM_LEASE))
                .setParameter("id", jobId).setParameter("pending", CallbackState.PENDING)
                .setParameter("now", now).executeUpdate();
        return claimed == 1;
    }

    /** What the next attempt of a claimed delivery sends, or empty when the job or delivery is gone. */
    @Transactional(TxType.REQUIRES_NEW)
    public Optional<PreparedCallback> prepare(String jobId) {
        CallbackDelivery delivery = em.find(CallbackDelivery.class, jobId);
        ImportJob job = em.find(ImportJob.class, jobId);
        if (delivery == null || job == null) {
            return Optional.empty();
        }
        return Optional.of(new PreparedCallback(jobId, delivery.url(), delivery.tokenId(), CallbackPayload.of(job)));
    }

    /** Records an attempt and moves the delivery to its outcome: delivered, due again later, or given up. */
    @Transactional(TxType.REQUIRES_NEW)
    public void recordAttempt(String jobId, AttemptOutcome outcome, Instant at) {
        CallbackDelivery delivery = em.find(CallbackDelivery.class, jobId, LockModeType.PESSIMISTIC_WRITE);
        if (delivery == null) {
            return;
        }
        Instant first = delivery.firstAttemptAt() == null ? at : delivery.firstAttemptAt();
        Instant next = outcome.delivered() || outcome.last() ? null
                : new CallbackSchedule(settings.callbackRetryStep()).nextAttempt(first, delivery.attempts() + 1, at)
                        .orElse(null);
        int attempt = delivery.recordAttempt(at, outcome.delivered(), next);
        em.persist(new CallbackAttempt(jobId, attempt, at, outcome.statusCode(), outcome.error(), next));
        log(jobId, attempt, outcome, next);
    }

    /** An import's callback with every attempt so far, or empty when the import asked for none or has not ended. */
    @Transactional
    public Optional<CallbackStatus> statusOf(String jobId) {
        CallbackDelivery delivery = em.find(CallbackDelivery.class, jobId);
        if (delivery == null) {
            return Optional.empty();
        }
        List<CallbackAttempt> attempts = em.createQuery("select a from CallbackAttempt a where a.jobId = :id"
                + " order by a.attempt", CallbackAttempt.class).setParameter("id", jobId).getResultList();
        return Optional.of(new CallbackStatus(delivery.url(), delivery.state(), delivery.nextAttemptAt(),
                delivery.deliveredAt(), attempts));
    }

    private static void log(String jobId, int attempt, AttemptOutcome outcome, Instant next) {
        if (outcome.delivered()) {
            LOG.info(() -> "INTAKE-070 Callback of import " + jobId + " delivered at attempt " + attempt);
        } else if (next != null) {
            LOG.warning(() -> "INTAKE-071 Callback of import " + jobId + " failed at attempt " + attempt + ": "
                    + outcome.error() + " Next attempt at " + next);
        } else {
            LOG.warning(() -> "INTAKE-072 Callback of import " + jobId + " given up after attempt " + attempt + ": "
                    + outcome.error());
        }
    }
}
