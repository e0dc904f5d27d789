package dev.intake.domain.importing;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Which jobs of an app's history a person wants to see: one status, one user's imports, imports created within a
 * range of days (UTC, both ends included). Any part may be null, meaning "any".
 */
public record HistoryFilter(ImportStatus status, String createdBy, LocalDate from, LocalDate to)
        implements Serializable {

    /** No filter: the whole history. */
    public static final HistoryFilter NONE = new HistoryFilter(null, null, null, null);

    public HistoryFilter {
        createdBy = createdBy == null || createdBy.isBlank() ? null : createdBy.strip();
    }

    /** The first moment of the range, or null when it is open at the start. */
    public Instant fromInstant() {
        return from == null ? null : from.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** The first moment after the range, or null when it is open at the end. */
    public Instant untilInstant() {
        return to == null ? null : to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
