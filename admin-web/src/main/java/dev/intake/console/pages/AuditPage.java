package dev.intake.console.pages;

import dev.intake.domain.access.AccessAdministration;
import dev.intake.domain.access.AuditEvent;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The audit trail for administrators, newest first, a page at a time. The trail is read by id cursor, so pages
 * stay put while new events arrive.
 */
@Named("auditPage")
@ViewScoped
public class AuditPage implements Serializable {

    private static final long serialVersionUID = 1L;
    static final int PAGE_SIZE = 25;

    @Inject
    transient AccessAdministration administration;

    @Inject
    transient ConsoleAccess access;

    /** The id the current page starts before; null for the newest page. */
    private Long before;
    private final Deque<Long> newerPages = new ArrayDeque<>();
    private List<EventRow> events = List.of();
    private boolean olderExists;

    /** Called by the view's viewAction; anyone but an administrator gets 403. */
    public void load() throws IOException {
        if (access.requireAdmin()) {
            read();
        }
    }

    public void older() {
        if (!olderExists) {
            return;
        }
        newerPages.push(before == null ? Long.MAX_VALUE : before);
        before = events.get(events.size() - 1).id();
        read();
    }

    public void newer() {
        if (newerPages.isEmpty()) {
            return;
        }
        long previous = newerPages.pop();
        before = previous == Long.MAX_VALUE ? null : previous;
        read();
    }

    private void read() {
        List<AuditEvent> page = administration.auditTrail(access.caller(), before, PAGE_SIZE + 1);
        olderExists = page.size() > PAGE_SIZE;
        events = page.stream().limit(PAGE_SIZE).map(EventRow::of).toList();
    }

    public List<EventRow> getEvents() {
        return events;
    }

    public boolean isOlderExists() {
        return olderExists;
    }

    public boolean isNewerExists() {
        return !newerPages.isEmpty();
    }

    public int getPageNumber() {
        return newerPages.size() + 1;
    }

    /** One audit event as listed. */
    public record EventRow(long id, String at, String actor, String action, String subject, String detail)
            implements Serializable {

        static EventRow of(AuditEvent event) {
            return new EventRow(event.id(), Times.format(event.at()), event.actor(), event.action(),
                    event.subject(), event.detail() == null ? "" : event.detail());
        }
    }
}
