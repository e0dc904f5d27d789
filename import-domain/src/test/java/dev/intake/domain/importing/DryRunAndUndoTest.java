package dev.intake.domain.importing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.intake.domain.TestDatabase;
import dev.intake.domain.app.AppDefinition;
import dev.intake.domain.app.FieldDefinition;
import dev.intake.domain.app.FieldType;
import dev.intake.domain.app.MatchRule;
import dev.intake.domain.record.MatchKeys;
import dev.intake.domain.record.RecordKey;
import dev.intake.domain.record.RecordStore;
import dev.intake.domain.record.StoredRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Dry runs, row outcomes, the journal and undo on a real database: each test gets its own migrated in-memory H2
 * database and commits every chunk and every undo batch in a transaction of its own, as the engine does.
 */
class DryRunAndUndoTest {

    private static final Instant MONDAY = Instant.parse("2025-03-03T09:00:00Z");
    private static final Instant TUESDAY = Instant.parse("2025-03-04T09:00:00Z");
    private static final Instant WEDNESDAY = Instant.parse("2025-03-05T09:00:00Z");

    private static final AppDefinition CONTACTS = new AppDefinition("contact", "Contacts",
            List.of(field("external_id", "External ID", false), field("email", "Email", false),
                    field("first_name", "First name", false), field("last_name", "Last name", true),
                    field("city", "City", false)),
            List.of(List.of("external_id"), List.of("email")));

    private final TestDatabase database = TestDatabase.migrated();

    @AfterEach
    void dropDatabase() throws SQLException {
        database.close();
    }

    @Test
    void dryRunSeesAcrossChunksWhatEarlierRowsWouldHaveCreatedAndWritesNothing() throws SQLException {
        ChunkApplier dryRun = new ChunkApplier(CONTACTS, null, this::label, this::catalog).dryRun();

        ChunkOutcome first = dryChunk(dryRun, row(2, "external_id", "C-1", "email", "ana@example.com",
                "last_name", "Lima"));
        ChunkOutcome second = dryChunk(dryRun, row(1002, "email", "ANA@example.com", "city", "Porto"),
                row(1003, "external_id", "C-2", "email", "bea@example.com"),
                row(1004, "external_id", "C-1", "city", "Porto"));

        assertEquals(List.of(new RowOutcome(2, RowOutcome.Kind.ADDED, null)), first.rows());
        assertEquals(List.of(new RowOutcome(1002, RowOutcome.Kind.UPDATED, null),
                new RowOutcome(1003, RowOutcome.Kind.FAILED, null),
                new RowOutcome(1004, RowOutcome.Kind.UNCHANGED, null)), second.rows());
        assertEquals(List.of(1, 0, 0), List.of(first.added(), first.updated(), first.unchanged()));
        assertEquals(List.of(0, 2, 1), List.of(second.added(), second.updated(), second.unchanged()));
        assertEquals(RowErrorCode.REQUIRED_VALUE_MISSING, second.errors().get(0).code());
        assertEquals(List.of(0L, 0L, 0L, 0L), List.of(count("crm_record"), count("crm_record_key"),
                count("import_journal"), count("import_journal_created")));
    }

    @Test
    void dryRunUpdatesAStoredRecordOnlyInItsMemory() throws SQLException {
        importChunk("job-1", MONDAY, row(2, "external_id", "C-1", "email", "ana@example.com", "last_name", "Lima"));
        StoredRecord before = onlyRecord();
        ChunkApplier dryRun = new ChunkApplier(CONTACTS, null, this::label, this::catalog).dryRun();

        ChunkOutcome first = dryChunk(dryRun, row(2, "external_id", "C-1", "city", "Porto"));
        ChunkOutcome second = dryChunk(dryRun, row(3, "email", "ana@example.com", "city", "Porto"));

        assertEquals(List.of(new RowOutcome(2, RowOutcome.Kind.UPDATED, before.id())), first.rows());
        assertEquals(List.of(new RowOutcome(3, RowOutcome.Kind.UNCHANGED, before.id())), second.rows());
        assertEquals(before, onlyRecord());
    }

    @Test
    void countsARowThatChangesNothingAsUnchangedAndLeavesTheRecordUntouched() throws SQLException {
        importChunk("job-1", MONDAY, row(2, "email", "ana@example.com", "last_name", "Lima", "city", "Porto"));

        ChunkOutcome again = importChunk("job-2", TUESDAY, row(2, "email", "ana@example.com", "city", "Porto"),
                row(3, "email", "ana@example.com", "city", "Lisbon"), row(4, "email", "ana@example.com"));

        long ana = onlyRecord().id();
        assertEquals(List.of(new RowOutcome(2, RowOutcome.Kind.UNCHANGED, ana),
                new RowOutcome(3, RowOutcome.Kind.UPDATED, ana),
                new RowOutcome(4, RowOutcome.Kind.UNCHANGED, ana)), again.rows());
        assertEquals(List.of(0, 3, 2), List.of(again.added(), again.updated(), again.unchanged()));
        assertEquals(TUESDAY, onlyRecord().updatedAt());

        ChunkOutcome third = importChunk("job-3", WEDNESDAY, row(2, "email", "ana@example.com", "city", "Lisbon"));
        assertEquals(1, third.unchanged());
        assertEquals(TUESDAY, onlyRecord().updatedAt());
        assertEquals("job-2", lastChangedBy(ana));
    }

    @Test
    void undoDeletesCreatedRecordsAndRestoresChangedValuesAndKeysExactly() throws SQLException {
        importChunk("job-0", MONDAY, row(2, "external_id", "C-1", "email", "ana@old.example.com",
                "first_name", "Ana", "last_name", "Lima", "city", "Porto"));
        StoredRecord original = onlyRecord();
        importChunk("job-1", TUESDAY, row(2, "external_id", "C-1", "email", "ana@new.example.com", "city", "Lisbon"),
                row(3, "external_id", "C-2", "email", "bea@example.com", "last_name", "Costa"));
        importChunk("job-1", TUESDAY, row(1002, "external_id", "C-1", "first_name", "Ana Maria"),
                row(1003, "external_id", "C-2", "city", "Faro"));

        UndoOutcome outcome = undo("job-1", "undo-1", false);

        assertEquals(new UndoOutcome(1, 1, List.of()), outcome);
        StoredRecord restored = onlyRecord();
        assertEquals(original.values(), restored.values());
        assertEquals(Optional.of(original.id()), idMatching(Map.of("email", "ana@old.example.com")));
        assertEquals(Optional.empty(), idMatching(Map.of("email", "ana@new.example.com")));
        assertEquals(Optional.empty(), idMatching(Map.of("external_id", "C-2")));
        assertEquals(Optional.empty(), idMatching(Map.of("email", "bea@example.com")));
        assertEquals(1L, count("crm_record_key"), "the email rule's key, a row");
        assertEquals(1L, count("crm_record where match_key = 'c-1'"), "the external id rule's key, on the record");
        assertEquals("undo-1", lastChangedBy(original.id()));
    }

    @Test
    void undoRemovesAFieldTheImportFilledThatHadNoValueBefore() throws SQLException {
        importChunk("job-0", MONDAY, row(2, "email", "ana@example.com", "last_name", "Lima"));
        importChunk("job-1", TUESDAY, row(2, "email", "ana@example.com", "city", "Porto"));

        undo("job-1", "undo-1", false);

        assertEquals(Map.of("email", "ana@example.com", "last_name", "Lima"), onlyRecord().values());
    }

    @Test
    void undoOfAPartlyFailedImportRevertsOnlyTheRowsThatWereApplied() throws SQLException {
        importChunk("job-0", MONDAY, row(2, "email", "ana@example.com", "last_name", "Lima"));
        ChunkOutcome partly = importChunk("job-1", TUESDAY, row(2, "email", "ana@example.com", "city", "Porto"),
                row(3, "email", "bea@example.com"), row(4, "email", "cai@example.com", "last_name", "Cruz"));

        UndoOutcome outcome = undo("job-1", "undo-1", false);

        assertEquals(1, partly.errors().size());
        assertEquals(new UndoOutcome(1, 1, List.of()), outcome);
        assertEquals(Map.of("email", "ana@example.com", "last_name", "Lima"), onlyRecord().values());
    }

    @Test
    void undoLeavesARecordChangedByALaterImportAsAConflictUnlessForced() throws SQLException {
        importChunk("job-1", MONDAY, row(2, "email", "ana@example.com", "last_name", "Lima"),
                row(3, "email", "bea@example.com", "last_name", "Costa"));
        importChunk("job-2", TUESDAY, row(7, "email", "ana@example.com", "city", "Porto"));

        UndoOutcome refused = undo("job-1", "undo-1", false);

        assertEquals(0, refused.restored());
        assertEquals(1, refused.deleted());
        assertEquals(1, refused.conflicts().size());
        RowError conflict = refused.conflicts().get(0);
        assertEquals(RowErrorCode.CHANGED_SINCE_IMPORT, conflict.code());
        assertEquals(2, conflict.line());
        assertTrue(conflict.message().contains("job-2"), conflict.message());
        assertEquals(Map.of("email", "ana@example.com", "last_name", "Lima", "city", "Porto"),
                onlyRecord().values());

        UndoOutcome forced = undoAfter(handledBy(refused, "job-1"), "job-1", "undo-2", true);

        assertEquals(new UndoOutcome(0, 1, List.of()), forced);
        assertEquals(0L, count("crm_record"));
        assertEquals(0L, count("crm_record_key"));
    }

    @Test
    void undoLeavesARecordWhosePreviousKeyNowBelongsToAnotherRecordEvenWhenForced() throws SQLException {
        importChunk("job-0", MONDAY, row(2, "external_id", "C-1", "email", "ana@old.example.com",
                "last_name", "Lima"));
        importChunk("job-1", TUESDAY, row(2, "external_id", "C-1", "email", "ana@new.example.com"));
        importChunk("job-2", WEDNESDAY, row(2, "external_id", "C-9", "email", "ana@old.example.com",
                "last_name", "Other"));
        long ana = idMatching(Map.of("external_id", "C-1")).orElseThrow();

        UndoOutcome outcome = undo("job-1", "undo-1", true);

        assertEquals(1, outcome.conflicts().size());
        assertEquals(RowErrorCode.KEY_TAKEN, outcome.conflicts().get(0).code());
        assertEquals(Long.toString(ana), outcome.conflicts().get(0).value());
        assertEquals(Optional.of(ana), idMatching(Map.of("email", "ana@new.example.com")));
    }

    @Test
    void undoGivesBackKeysThatTheImportSwappedBetweenTwoRecords() throws SQLException {
        importChunk("job-0", MONDAY, row(2, "external_id", "C-1", "email", "ana@example.com", "last_name", "A"),
                row(3, "external_id", "C-2", "email", "bea@example.com", "last_name", "B"));
        importChunk("job-1", TUESDAY, row(2, "external_id", "C-1", "email", "ana.lima@example.com"),
                row(3, "external_id", "C-2", "email", "ana@example.com"));
        long ana = idMatching(Map.of("external_id", "C-1")).orElseThrow();
        long bea = idMatching(Map.of("external_id", "C-2")).orElseThrow();

        UndoOutcome outcome = undo("job-1", "undo-1", false);

        assertEquals(new UndoOutcome(2, 0, List.of()), outcome);
        assertEquals(Optional.of(ana), idMatching(Map.of("email", "ana@example.com")));
        assertEquals(Optional.of(bea), idMatching(Map.of("email", "bea@example.com")));
        assertEquals(Optional.empty(), idMatching(Map.of("email", "ana.lima@example.com")));
    }

    @Test
    void undoOfAnUndoneRecordByASecondUndoIsAConflict() throws SQLException {
        importChunk("job-0", MONDAY, row(2, "email", "ana@example.com", "last_name", "Lima"));
        importChunk("job-1", TUESDAY, row(2, "email", "ana@example.com", "city", "Porto"));
        undo("job-1", "undo-1", false);

        UndoOutcome again = undo("job-1", "undo-2", false);

        assertEquals(RowErrorCode.CHANGED_SINCE_IMPORT, again.conflicts().get(0).code());
        assertTrue(again.conflicts().get(0).message().contains("undo-1"), again.conflicts().get(0).message());
    }

    @Test
    void pagesTheJournalByRecordAndCombinesARecordsEntriesFromSeveralChunks() throws SQLException {
        importChunk("job-0", MONDAY, row(2, "email", "ana@example.com", "last_name", "Lima", "city", "Porto"));
        importChunk("job-1", TUESDAY, row(2, "email", "ana@example.com", "city", "Faro"),
                row(3, "email", "bea@example.com", "last_name", "Costa"));
        importChunk("job-1", TUESDAY, row(1002, "email", "ana@example.com", "city", "Braga", "first_name", "Ana"),
                row(1003, "email", "bea@example.com", "city", "Faro"));
        long ana = idMatching(Map.of("email", "ana@example.com")).orElseThrow();
        long bea = idMatching(Map.of("email", "bea@example.com")).orElseThrow();

        try (Connection connection = database.transaction()) {
            ImportJournal journal = new ImportJournal(connection);
            List<JournalEntry> first = journal.recordsAfter("job-1", 0, 1);
            List<JournalEntry> second = journal.recordsAfter("job-1", first.get(0).recordId(), 1);

            Map<String, String> anaBefore = new java.util.LinkedHashMap<>();
            anaBefore.put("city", "Porto");
            anaBefore.put("first_name", null);
            assertEquals(List.of(new JournalEntry(ana, 2, false, anaBefore)), first);
            assertEquals(List.of(new JournalEntry(bea, 3, true, Map.of())), second);
            assertEquals(List.of(), journal.recordsAfter("job-1", bea, 1));
            assertTrue(journal.holdsMoreThan("job-1", 1));
            assertFalse(journal.holdsMoreThan("job-1", 2));
        }
    }

    @Test
    void keepsOneOutcomePerRowAndGivesThemBackAsResultsWithReasons() throws Exception {
        ChunkOutcome outcome = importChunk("job-1", MONDAY, row(2, "email", "ana@example.com", "last_name", "Lima"),
                row(3, "email", "=cmd()"), row(4, "email", "ana@example.com", "last_name", "Lima"));
        List<RowError> errors = outcome.errors();
        try (Connection connection = database.transaction()) {
            insertJob(connection, "job-1");
            new RowOutcomeStore(connection).add("job-1", outcome.rows());
            new RowErrorStore(connection).add("job-1", 1, errors, line -> null);
            connection.commit();

            java.io.StringWriter csv = new java.io.StringWriter();
            RowResultsExport.write("job-1", connection, csv);

            long ana = onlyRecord().id();
            assertEquals("Line,Outcome,Record,Reason\n2,added," + ana + ",\n3,failed,,\"Last name: 'Last name' is"
                    + " required for a new record, and this row leaves it empty. (REQUIRED_VALUE_MISSING)\"\n"
                    + "4,unchanged," + ana + ",\n", csv.toString().replace("\r\n", "\n"));
        }
    }

    private static void insertJob(Connection connection, String id) throws SQLException {
        String sql = "insert into import_job (id, entity, file_name, status, processed, added, updated, failed,"
                + " created_by, created_at, expires_at, ignore_unknown, max_errors, checkpoint_line,"
                + " cancel_requested) values (?, 'contact', 'f.csv', 'COMPLETED', 0, 0, 0, 0, 'admin', ?, ?, false,"
                + " 1000, 0, false)";
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            insert.setString(1, id);
            insert.setTimestamp(2, java.sql.Timestamp.from(MONDAY));
            insert.setTimestamp(3, java.sql.Timestamp.from(WEDNESDAY));
            insert.executeUpdate();
        }
    }

    private ChunkOutcome dryChunk(ChunkApplier dryRun, ImportRow... rows) throws SQLException {
        try (Connection connection = database.transaction()) {
            ChunkOutcome outcome = dryRun.on(new RecordStore(connection)).plan(List.of(rows), TUESDAY).outcome();
            connection.commit();
            return outcome;
        }
    }

    private ChunkOutcome importChunk(String jobId, Instant now, ImportRow... rows) throws SQLException {
        try (Connection connection = database.transaction()) {
            RecordStore store = new RecordStore(connection);
            ChunkPlan plan = new ChunkApplier(CONTACTS, store, this::label, this::catalog).plan(List.of(rows), now);
            plan.writes().writeTo(store, CONTACTS.entity(), jobId);
            connection.commit();
            return plan.outcome();
        }
    }

    private UndoOutcome undo(String importId, String undoId, boolean force) throws SQLException {
        return undoAfter(Set.of(), importId, undoId, force);
    }

    /** The records of the import's journal that an undo of it restored or deleted: all but its conflicts. */
    private Set<Long> handledBy(UndoOutcome undo, String importId) throws SQLException {
        try (Connection connection = database.transaction()) {
            Set<Long> handled = new java.util.HashSet<>();
            new ImportJournal(connection).recordsAfter(importId, 0, 1000).forEach(e -> handled.add(e.recordId()));
            undo.conflicts().forEach(conflict -> handled.remove(Long.parseLong(conflict.value())));
            return handled;
        }
    }

    /** Undoes the whole journal of an import in one batch, after earlier undos that handled the given records. */
    private UndoOutcome undoAfter(Set<Long> undoneEarlier, String importId, String undoId, boolean force)
            throws SQLException {
        try (Connection connection = database.transaction()) {
            List<JournalEntry> entries = new ImportJournal(connection).recordsAfter(importId, 0, 1000);
            UndoOutcome outcome = new UndoApplier(CONTACTS, new RecordStore(connection), importId, undoId, force)
                    .after(undoneEarlier).apply(entries, WEDNESDAY);
            connection.commit();
            return outcome;
        }
    }

    private StoredRecord onlyRecord() throws SQLException {
        try (Connection connection = database.transaction()) {
            List<StoredRecord> records = new RecordStore(connection).page("contact", 0, 100);
            assertEquals(1, records.size(), () -> "records: " + records);
            return records.get(0);
        }
    }

    private Optional<Long> idMatching(Map<String, String> values) throws SQLException {
        MatchKeys matchKeys = new MatchKeys(CONTACTS);
        MatchRule rule = matchKeys.decisiveRule(values).orElseThrow();
        RecordKey key = new RecordKey(rule.index(), matchKeys.keyFor(rule, values).orElseThrow());
        try (Connection connection = database.transaction()) {
            return Optional.ofNullable(new RecordStore(connection).findByKeys("contact", Set.of(key)).get(key));
        }
    }

    private String lastChangedBy(long id) throws SQLException {
        try (Connection connection = database.transaction()) {
            return new RecordStore(connection).lastChangedBy(List.of(id)).get(id);
        }
    }

    private long count(String table) throws SQLException {
        try (Connection connection = database.transaction();
                PreparedStatement query = connection.prepareStatement("select count(*) from " + table);
                ResultSet rows = query.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private String label(String field) {
        return CONTACTS.field(field).map(FieldDefinition::label).orElseThrow();
    }

    private Optional<AppDefinition> catalog(String entity) {
        return CONTACTS.entity().equals(entity) ? Optional.of(CONTACTS) : Optional.empty();
    }

    private static ImportRow row(int line, String... fieldsAndValues) {
        Map<String, String> values = new java.util.LinkedHashMap<>();
        for (int i = 0; i < fieldsAndValues.length; i += 2) {
            values.put(fieldsAndValues[i], fieldsAndValues[i + 1]);
        }
        return new ImportRow(line, values);
    }

    private static FieldDefinition field(String name, String label, boolean required) {
        FieldType type = name.equals("email") ? FieldType.EMAIL : FieldType.TEXT;
        return new FieldDefinition(name, label, type, required, false, null, null, null);
    }
}
