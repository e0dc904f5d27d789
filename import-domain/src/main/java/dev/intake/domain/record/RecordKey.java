package dev.intake.domain.record;

/** One stored match key: the rule it belongs to and its normalised value. */
public record RecordKey(int rule, String value) {
}
