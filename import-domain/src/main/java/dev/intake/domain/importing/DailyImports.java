package dev.intake.domain.importing;

import java.time.LocalDate;

/** What the imports of one app created on one day (UTC) amounted to: how many, and their row counters summed. */
public record DailyImports(LocalDate day, long imports, long added, long updated, long failed) {
}
