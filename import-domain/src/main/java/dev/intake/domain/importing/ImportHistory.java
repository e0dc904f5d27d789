package dev.intake.domain.importing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;

/**
 * An app's import history as the console reads it: filtered by status, user and days, newest first, a page at
 * a time. Every query starts with the app and is served by an index that also gives the order (migrations V1 and
 * V9), so a page stays cheap however long the history grows; only {@link #count} reads every matching entry,
 * which is why callers count once per filter rather than once per page or poll.
 */
@ApplicationScoped
public class ImportHistory {

    private static final List<ImportStatus> OPEN = List.of(ImportStatus.QUEUED, ImportStatus.RUNNING);

    @PersistenceContext(unitName = "intake")
    EntityManager em;

    /** The jobs at positions {@code offset} to {@code offset + size} of the filtered history, newest first. */
    @Transactional
    public List<ImportJob> page(String entity, HistoryFilter filter, int offset, int size) {
        TypedQuery<ImportJob> query = em.createQuery("select j from ImportJob j" + where(filter)
                + " order by j.createdAt desc, j.id desc", ImportJob.class);
        return bind(query, entity, filter).setFirstResult(offset).setMaxResults(size).getResultList();
    }

    /** How many jobs of the app pass the filter. */
    @Transactional
    public long count(String entity, HistoryFilter filter) {
        TypedQuery<Long> query = em.createQuery("select count(j) from ImportJob j" + where(filter), Long.class);
        return bind(query, entity, filter).getSingleResult();
    }

    /** Whether any import of the app is queued or running: the console polls only while one is. */
    @Transactional
    public boolean anyOpen(String entity) {
        return !em.createQuery("select j.id from ImportJob j where j.entity = :entity and j.status in :open",
                String.class).setParameter("entity", entity).setParameter("open", OPEN).setMaxResults(1)
                .getResultList().isEmpty();
    }

    /**
     * The user names that created imports into the app, for the filter's choices. Asked per user account (users
     * are never deleted, and every import is created by one) with an index probe each, rather than as the distinct
     * values of the whole history, which would read every job of the app.
     */
    @Transactional
    public List<String> creators(String entity) {
        List<?> names = em.createNativeQuery("select u.username from user_account u where exists (select 1 from"
                + " import_job j where j.entity = ? and j.created_by = u.username) order by u.username")
                .setParameter(1, entity).setMaxResults(500).getResultList();
        return names.stream().map(String::valueOf).toList();
    }

    /** How many row errors a job has stored (they are numbered 1, 2, ... in the order they failed). */
    @Transactional
    public int rowErrorCount(String jobId) {
        Object max = em.createNativeQuery("select coalesce(max(seq), 0) from row_error where job_id = ?")
                .setParameter(1, jobId).getSingleResult();
        return ((Number) max).intValue();
    }

    private static String where(HistoryFilter filter) {
        List<String> parts = new ArrayList<>(List.of("j.entity = :entity"));
        if (filter.status() != null) {
            parts.add("j.status = :status");
        }
        if (filter.createdBy() != null) {
            parts.add("j.createdBy = :createdBy");
        }
        if (filter.from() != null) {
            parts.add("j.createdAt >= :from");
        }
        if (filter.to() != null) {
            parts.add("j.createdAt < :until");
        }
        return " where " + String.join(" and ", parts);
    }

    private static <T> TypedQuery<T> bind(TypedQuery<T> query, String entity, HistoryFilter filter) {
        query.setParameter("entity", entity);
        if (filter.status() != null) {
            query.setParameter("status", filter.status());
        }
        if (filter.createdBy() != null) {
            query.setParameter("createdBy", filter.createdBy());
        }
        if (filter.from() != null) {
            query.setParameter("from", filter.fromInstant());
        }
        if (filter.to() != null) {
            query.setParameter("until", filter.untilInstant());
        }
        return query;
    }
}
