package dev.intake.domain.importing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Where maxErrors cuts a planned chunk: after the failed row that uses up the failures still allowed. */
class ChunkPlanTest {

    private static final List<RowError> CONVERSION_ERRORS = List.of(error(4, RowErrorCode.INVALID_EMAIL));

    private final ChunkPlan plan = new ChunkPlan(ChunkOutcome.of(List.of(
            new RowOutcome(2, RowOutcome.Kind.ADDED, 1L), new RowOutcome(3, RowOutcome.Kind.FAILED, null),
            new RowOutcome(5, RowOutcome.Kind.ADDED, 2L), new RowOutcome(6, RowOutcome.Kind.FAILED, null),
            new RowOutcome(7, RowOutcome.Kind.ADDED, 3L)), List.of(error(3, RowErrorCode.REQUIRED_VALUE_MISSING),
            error(6, RowErrorCode.AMBIGUOUS_MATCH))), ChunkWrites.NOTHING);

    @Test
    void cutsAfterTheFailureThatUsesUpTheAllowanceCountingConversionFailures() {
        assertEquals(OptionalInt.of(3), plan.lineReachingLimit(CONVERSION_ERRORS, 1));
        assertEquals(OptionalInt.of(4), plan.lineReachingLimit(CONVERSION_ERRORS, 2));
        assertEquals(OptionalInt.of(6), plan.lineReachingLimit(CONVERSION_ERRORS, 3));
    }

    @Test
    void doesNotCutAChunkWhoseFailuresStayBelowTheAllowance() {
        assertEquals(OptionalInt.empty(), plan.lineReachingLimit(CONVERSION_ERRORS, 4));
        assertEquals(3, plan.failedRows(CONVERSION_ERRORS));
    }

    @Test
    void aDryRunsPlanIsCutToTheRowsUpToTheLine() {
        ChunkOutcome cut = plan.upTo(4).outcome();

        assertEquals(List.of(2, 3), cut.rows().stream().map(RowOutcome::line).toList());
        assertEquals(List.of(1, 0, 1), List.of(cut.added(), cut.updated(), cut.errors().size()));
    }

    private static RowError error(int line, String code) {
        return new RowError(line, "Email", "x", code, "a reason");
    }
}
