package dev.intake.domain.importing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.AbstractMap.SimpleEntry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The match rules of the import engine on a real database: each test gets its own migrated in-memory H2 database
 * (JUnit makes a new instance per test) and applies its chunks each in its own committed transaction, as
 * {@code ImportTransactions} does.
 */
class ChunkApplierTest {

    private static final Instant MONDAY = Instant.parse("2025-03-03T09:00:00Z");
    private static final Instant TUESDAY = Instant.parse("2025-03-04T09:00:00Z");

    private final TestDatabase database = TestDatabase.migrated();

    @AfterEach
    void dropDatabase() throws SQLException {
        database.close();
    }

    @Test
    void createsARecordWhenNoKeyMatches() throws SQLException {
        AppDefinition contacts = contacts(List.of(List.of("email")));

        ChunkOutcome outcome = importChunk(contacts, MONDAY,
                new ImportRow(2, Map.of("email", "ana.lima@example.com", "first_name", "Ana")));

        assertCounts(1, 0, outcome);
        StoredRecord ana = onlyRecord("contact");
        assertEquals(Map.of("email", "ana.lima@example.com", "first_name", "Ana"), ana.values());
        assertEquals(MONDAY, ana.createdAt());
        assertEquals(MONDAY, ana.updatedAt());
        assertEquals(Optional.of(ana), recordMatching(contacts, Map.of("email", "ana.lima@example.com")));
    }

    /**
     * A key longer than a record can hold (2,000 bytes of UTF-8) fails its row alone, whether the row's keys or its
     * merged values give it; a field the file does not have is named as stored.
     */
    @Test
    void aRowWhoseMatchKeyIsTooLongToStoreFailsAlone() throws SQLException {
        AppDefinition people = contacts(List.of(List.of("external_id", "city"), List.of("email")));
        String longId = "k".repeat(1990);
        importChunk(people, MONDAY, new ImportRow(2, Map.of("email", "ana@example.com", "external_id", longId)));

        ChunkOutcome outcome = importFileChunk(people, columnsOf(people, "external_id", "email", "city"), TUESDAY,
                new ImportRow(2, Map.of("external_id", "x".repeat(2001), "city", "Porto")),
                new ImportRow(3, Map.of("email", "bea@example.com")),
                new ImportRow(4, Map.of("external_id", "\u6771".repeat(667), "city", "Kyoto")),
                new ImportRow(5, Map.of("external_id", "\u00e9".repeat(990), "city", "Paris")));
        ChunkOutcome merged = importFileChunk(people, columnsOf(people, "email", "city"), TUESDAY.plusSeconds(60),
                new ImportRow(2, Map.of("email", "ana@example.com", "city", "Lisbon Lisbon")));

        assertEquals(List.of(2, 0, 2), List.of(outcome.added(), outcome.updated(), outcome.errors().size()));
        assertRowError(outcome.errors().get(0), 2, "External ID, City", "x".repeat(40) + "...",
                RowErrorCode.KEY_TOO_LONG);
        assertRowError(outcome.errors().get(1), 4, "External ID, City", "\u6771".repeat(40) + "...",
                RowErrorCode.KEY_TOO_LONG);
        assertTrue(outcome.errors().get(1).message().contains("takes 2007 bytes"), outcome.errors().get(1).message());
        assertRowError(merged.errors().get(0), 2, "external_id (stored), City", "k".repeat(40) + "...",
                RowErrorCode.KEY_TOO_LONG);
        assertTrue(merged.errors().get(0).message().contains("takes 2004 bytes"), merged.errors().get(0).message());
        assertEquals(3, records("contact").size());
        assertEquals(Map.of("email", "ana@example.com", "external_id", longId),
                recordMatching(people, Map.of("email", "ana@example.com")).orElseThrow().values());
    }

    @Test
    void createsARecordWhenTheRowHasNoValueForAnyMatchRule() throws SQLException {
        AppDefinition contacts = contacts(List.of(List.of("email")));
        importChunk(contacts, MONDAY, new ImportRow(2, Map.of("first_name", "Ana")));

        ChunkOutcome outcome = importChunk(contacts, TUESDAY, new ImportRow(2, Map.of("first_name", "Ana")));

        assertCounts(1, 0, outcome);
        assertEquals(2, records("contact").size());
    }

    @Test
    void updatesTheRecordWhoseEmailMatchesIgnoringCaseAndSurroundingSpaces() throws SQLException {
        AppDefinition contacts = contacts(List.of(List.of("email")));
        importChunk(contacts, MONDAY, new ImportRow(2, Map.of("email", " Ana.Lima@Example.COM ", "first_name", "Ana")));

        ChunkOutcome outcome = importChunk(contacts, TUESDAY,
                new ImportRow(2, Map.of("email", "ana.lima@example.com", "city", "Lisbon")));

        assertCounts(0, 1, outcome);
        StoredRecord ana = onlyRecord("contact");
        assertEquals(Map.of("email", "ana.lima@example.com", "first_name", "Ana", "city", "Lisbon"), ana.values());
        assertEquals(MONDAY, ana.createdAt());
        assertEquals(TUESDAY, ana.updatedAt());
    }

    /**
     * The journal of a chunk keeps, for a record it changed, the stored values of the fields its rows changed and
     * a null for each field the record did not have, stored fields first; a record it created has none.
     */
    @Test
    void journalsTheStoredValuesOfChangedFieldsAndNoneForCreatedRecords() throws SQLException {
        AppDefinition contacts = contacts(List.of(List.of("email")));
        importChunk(contacts, MONDAY, new ImportRow(2, Map.of("email", "ana@example.com", "first_name", "Ana",
                "city", "Porto")), new ImportRow(3, Map.of("email", "bea@example.com", "city", "Braga")));
        long ana = recordMatching(contacts, Map.of("email", "ana@example.com")).orElseThrow().id();
        long bea = recordMatching(contacts, Map.of("email", "bea@example.com")).orElseThrow().id();

        Map<Long, JournalEntry> journal = new HashMap<>();
        planChunk(contacts, TUESDAY,
                new ImportRow(2, Map.of("email", "bea@example.com", "city", "Braga", "last_name", "Reis")),
                new ImportRow(3, Map.of("email", "ana@example.com", "first_name", "Ana", "city", "Lisbon",
                        "last_name", "Lima")),
                new ImportRow(4, Map.of("email", "caio@example.com", "city", "Faro")),
                new ImportRow(5, Map.of("email", "bea@example.com", "city", "Evora")))
                .writes().journal().forEach(entry -> journal.put(entry.recordId(), entry));

        assertEquals(3, journal.size());
        assertEquals(List.of(2, false), List.of(journal.get(bea).line(), journal.get(bea).created()));
        assertEquals(List.of(Map.entry("city", "Braga"), new SimpleEntry<>("last_name", null)),
                List.copyOf(journal.get(bea).previousValues().entrySet()));
        assertEquals(List.of(3, false), List.of(journal.get(ana).line(), journal.get(ana).created()));
        assertEquals(List.of(Map.entry("city", "Porto"), new SimpleEntry<>("last_name", null)),
                List.copyOf(journal.get(ana).previousValues().entrySet()));
        JournalEntry caio = journal.values().stream().filter(JournalEntry::created).findFirst().orElseThrow();
        assertEquals(List.of(4, Map.of()), List.of(caio.line(), caio.previousValues()));
    }

    @Test
    void appliesRowsInFileOrderWithinAChunk() throws SQLException {
        AppDefinition contacts = contacts(List.of(List.of("email")));

        ChunkOutcome outcome = importChunk(contacts, MONDAY,
                new ImportRow(2, Map.of("email", "ana@example.com", "first_name", "Ana", "city", "Porto")),
                new ImportRow(3, Map.of("email", "ANA@example.com", "city", "Lisbon")));

        assertCounts(1, 1, outcome);
        assertEquals(Map.of("email", "ANA@example.com", "first_name", "Ana", "city", "Lisbon"),
                onlyRecord("contact").values());
    }

    @Test
    void appliesALaterChunkToWhatAnEarlierChunkCreated() throws SQLException {
        AppDefinition contacts = contacts(List.of(List.of("email")));

        ChunkOutcome first = importChunk(contacts, MONDAY,
                new ImportRow(2, Map.of("email", "ana@example.com", "city", "Porto")));
        ChunkOutcome second = importChunk(contacts, TUESDAY,
                new ImportRow(1002, Map.of("email", "ana@example.com", "city", "Lisbon")));

        assertCounts(1, 0, first);
        assertCounts(0, 1, second);
        assertEquals(Map.of("email", "ana@example.com", "city", "Lisbon"), onlyRecord("contact").values());
    }

    @Test
    void leavesAStoredValueUnchangedWhenTheRowHasNoValueForIt() throws SQLException {
        AppDefinition contacts = contacts(List.of(List.of("email")));
        importChunk(contacts, MONDAY, new ImportRow(2,
                Map.of("email", "ana@example.com", "first_name", "Ana", "last_name", "Lima", "city", "Porto")));

        importChunk(contacts, TUESDAY, new ImportRow(2, Map.of("email", "ana@example.com", "city", "Lisbon")));

        assertEquals(Map.of("email", "ana@example.com", "first_name", "Ana", "last_name", "Lima", "city", "Lisbon"),
                onlyRecord("contact").values());
    }

    @Test
    void decidesByExternalIdEvenWhenTheRowHasAnEmail() throws SQLException {
        AppDefinition contacts = contacts(List.of(List.of("external_id"), List.of("email")));
        importChunk(contacts, MONDAY,
                new ImportRow(2, Map.of("external_id", "C-1", "email", "ana@example.com", "first_name", "Ana")));

        ChunkOutcome outcome = importChunk(contacts, TUESDAY,
                new ImportRow(2, Map.of("external_id", "c-1", "email", "ana.lima@example.com")));

        assertCounts(0, 1, outcome);
        assertEquals(Map.of("external_id", "c-1", "email", "ana.lima@example.com", "first_name", "Ana"),
                onlyRecord("contact").values());
    }

    @Test
    void fallsBackToEmailWhenTheRowHasNoExternalId() throws SQLException {
        AppDefinition contacts = contacts(List.of(List.of("external_id"), List.of("email")));
        importChunk(contacts, MONDAY, new ImportRow(2, Map.of("external_id", "C-1", "email", "ana@example.com")));

        ChunkOutcome outcome = importChunk(contacts, TUESDAY,
                new ImportRow(2, Map.of("email", " ANA@EXAMPLE.COM", "city", "Lisbon")));

        assertCounts(0, 1, outcome);
        assertEquals(Map.of("external_id", "C-1", "email", " ANA@EXAMPLE.COM", "city", "Lisbon"),
                onlyRecord("contact").values());
    }

    @Test
    void failsAsAmbiguousWhenExternalIdAndEmailFindDifferentRecords() throws SQLException {
        AppDefinition contacts = contacts(List.of(List.of("external_id"), List.of("email")));
        importChunk(contacts, MONDAY, new ImportRow(2, Map.of("external_id", "C-1", "email", "ana@example.com")),
                new ImportRow(3, Map.of("external_id", "C-2", "email", "bea@example.com")));
        List<StoredRecord> before = records("contact");

        ChunkOutcome outcome = importChunk(contacts, TUESDAY,
                new ImportRow(7, Map.of("external_id", "C-1", "email", "Bea@Example.com", "city", "Lisbon")));

        assertEquals(0, outcome.added());
        assertEquals(0, outcome.updated());
        assertEquals(1, outcome.errors().size());
        assertRowError(outcome.errors().get(0), 7, "Email", "Bea@Example.com", RowErrorCode.AMBIGUOUS_MATCH);
        assertEquals(before, records("contact"));
    }

    @Test
    void matchesOnBothValuesOfAMultiFieldRule() throws SQLException {
        AppDefinition contacts = contacts(List.of(List.of("first_name", "last_name")));
        importChunk(contacts, MONDAY,
                new ImportRow(2, Map.of("first_name", "Ana", "last_name", "Lima", "city", "Porto")),
                new ImportRow(3, Map.of("first_name", "Ana", "last_name", "Costa", "city", "Faro")));

        ChunkOutcome outcome = importChunk(contacts, TUESDAY,
                new ImportRow(2, Map.of("first_name", " ana ", "last_name", "LIMA", "city", "Lisbon")),
                new ImportRow(3, Map.of("first_name", "Ana", "last_name", "Souza", "city", "Braga")));

        assertCounts(1, 1, outcome);
        assertEquals(3, records("contact").size());
        assertEquals("Lisbon", cityOf(contacts, Map.of("first_name", "Ana", "last_name", "Lima")));
        assertEquals("Faro", cityOf(contacts, Map.of("first_name", "Ana", "last_name", "Costa")));
        assertEquals("Braga", cityOf(contacts, Map.of("first_name", "Ana", "last_name", "Souza")));
    }

    @Test
    void failsANewRecordWithoutARequiredValue() throws SQLException {
        AppDefinition contacts = contactsRequiringLastName();

        ChunkOutcome outcome = importChunk(contacts, MONDAY,
                new ImportRow(4, Map.of("email", "ana@example.com", "first_name", "Ana")));

        assertEquals(0, outcome.added());
        assertEquals(1, outcome.errors().size());
        assertRowError(outcome.errors().get(0), 4, "Last name", null, RowErrorCode.REQUIRED_VALUE_MISSING);
        assertTrue(records("contact").isEmpty());
    }

    @Test
    void updatesARecordWithoutRepeatingItsRequiredValues() throws SQLException {
        AppDefinition contacts = contactsRequiringLastName();
        importChunk(contacts, MONDAY, new ImportRow(2, Map.of("email", "ana@example.com", "last_name", "Lima")));

        ChunkOutcome outcome = importChunk(contacts, TUESDAY,
                new ImportRow(2, Map.of("email", "ana@example.com", "first_name", "Ana")));

        assertCounts(0, 1, outcome);
        assertEquals(Map.of("email", "ana@example.com", "first_name", "Ana", "last_name", "Lima"),
                onlyRecord("contact").values());
    }

    @Test
    void acceptsAReferenceNamingARecordOfTheReferencedAppIgnoringCase() throws SQLException {
        AppDefinition companies = companies();
        AppDefinition contacts = contactsWithCompany();
        importChunk(companies, MONDAY, new ImportRow(2, Map.of("name", "Acme Corp")));

        ChunkOutcome outcome = importChunk(contacts, catalog(companies, contacts), TUESDAY,
                new ImportRow(2, Map.of("email", "ana@example.com", "company", " ACME  corp ")));

        assertCounts(1, 0, outcome);
        assertEquals(Map.of("email", "ana@example.com", "company", " ACME  corp "), onlyRecord("contact").values());
    }

    /** A chunk without values for a reference asks nothing about the app it points to (a query per chunk). */
    @Test
    void readsTheReferencedAppOnlyForAChunkThatHasReferences() throws SQLException {
        AppDefinition companies = companies();
        AppDefinition contacts = contactsWithCompany();
        importChunk(companies, MONDAY, new ImportRow(2, Map.of("name", "Acme Corp")));
        List<String> asked = new ArrayList<>();
        Function<String, Optional<AppDefinition>> apps = entity -> {
            asked.add(entity);
            return catalog(companies, contacts).apply(entity);
        };

        importChunk(contacts, apps, TUESDAY, new ImportRow(2, Map.of("email", "ana@example.com")));
        List<String> withoutReferences = List.copyOf(asked);
        importChunk(contacts, apps, TUESDAY, new ImportRow(3, Map.of("email", "bea@example.com", "company", "acme")));

        assertEquals(List.of(), withoutReferences);
        assertEquals(List.of("company"), asked);
    }

    @Test
    void failsAReferenceNamingNoRecordOfTheReferencedApp() throws SQLException {
        AppDefinition companies = companies();
        AppDefinition contacts = contactsWithCompany();
        importChunk(companies, MONDAY, new ImportRow(2, Map.of("name", "Acme Corp")));

        ChunkOutcome outcome = importChunk(contacts, catalog(companies, contacts), TUESDAY,
                new ImportRow(3, Map.of("email", "ana@example.com", "company", "Globex")));

        assertEquals(0, outcome.added());
        assertEquals(1, outcome.errors().size());
        assertRowError(outcome.errors().get(0), 3, "Company", "Globex", RowErrorCode.REFERENCE_NOT_FOUND);
        assertTrue(records("contact").isEmpty());
    }

    @Test
    void acceptsAReferenceToARecordThatAnEarlierRowOfTheChunkCreated() throws SQLException {
        FieldDefinition parent = new FieldDefinition("parent", "Parent", FieldType.REFERENCE, false, false, null,
                null, "company");
        AppDefinition companies = new AppDefinition("company", "Companies",
                List.of(field("name", "Name", FieldType.TEXT), parent), List.of(List.of("name")));

        ChunkOutcome outcome = importChunk(companies, MONDAY, new ImportRow(2, Map.of("name", "Acme")),
                new ImportRow(3, Map.of("name", "Acme Labs", "parent", "ACME")));

        assertCounts(2, 0, outcome);
        assertEquals(Optional.of("ACME"),
                recordMatching(companies, Map.of("name", "Acme Labs")).map(labs -> labs.values().get("parent")));
    }

    @Test
    void movesTheStoredKeyWhenAnUpdateChangesIt() throws SQLException {
        AppDefinition contacts = contacts(List.of(List.of("external_id"), List.of("email")));
        importChunk(contacts, MONDAY, new ImportRow(2, Map.of("external_id", "C-1", "email", "ana@old.example.com")));
        long ana = onlyRecord("contact").id();

        importChunk(contacts, TUESDAY, new ImportRow(2, Map.of("external_id", "C-1", "email", "ana@new.example.com")));

        assertEquals(Optional.empty(), recordMatching(contacts, Map.of("email", "ana@old.example.com")));
        assertEquals(ana, recordMatching(contacts, Map.of("email", "ana@new.example.com")).orElseThrow().id());
        ChunkOutcome reused = importChunk(contacts, TUESDAY,
                new ImportRow(2, Map.of("email", "ana@old.example.com", "first_name", "Other")));
        assertCounts(1, 0, reused);
    }

    @Test
    void letsARecordTakeAKeyThatAnEarlierRowOfTheChunkFreed() throws SQLException {
        AppDefinition contacts = contacts(List.of(List.of("external_id"), List.of("email")));
        importChunk(contacts, MONDAY, new ImportRow(2, Map.of("external_id", "C-1", "email", "ana@example.com")),
                new ImportRow(3, Map.of("external_id", "C-2", "email", "bea@example.com")));

        ChunkOutcome outcome = importChunk(contacts, TUESDAY,
                new ImportRow(2, Map.of("external_id", "C-1", "email", "ana.lima@example.com")),
                new ImportRow(3, Map.of("external_id", "C-2", "email", "ana@example.com")));

        assertCounts(0, 2, outcome);
        assertEquals("C-1", externalIdOf(contacts, Map.of("email", "ana.lima@example.com")));
        assertEquals("C-2", externalIdOf(contacts, Map.of("email", "ana@example.com")));
        assertEquals(Optional.empty(), recordMatching(contacts, Map.of("email", "bea@example.com")));
    }

    @Test
    void losesARaceForANewKeyToTheUniqueConstraintAndUpdatesWhenRetried() throws SQLException {
        AppDefinition companies = companies();
        AppDefinition contacts = contactsWithCompany();
        importChunk(companies, MONDAY, new ImportRow(2, Map.of("name", "Acme")));
        ImportRow ana = new ImportRow(2, Map.of("email", "ana@example.com", "company", "Acme", "city", "Porto"));
        ImportRow racing = new ImportRow(9, Map.of("email", "ANA@example.com", "first_name", "Ana"));

        SQLException lost = assertThrows(SQLException.class, () -> importChunk(contacts,
                catalogRacedByAnotherImport(contacts, racing, companies, contacts), MONDAY, ana));
        ChunkOutcome retried = importChunk(contacts, catalog(companies, contacts), TUESDAY, ana);

        assertEquals("23505", lost.getSQLState());
        assertCounts(0, 1, retried);
        assertEquals(Map.of("email", "ana@example.com", "first_name", "Ana", "company", "Acme", "city", "Porto"),
                onlyRecord("contact").values());
    }

    @Test
    void storesTheChunksFailedRowsAndPagesThemInOrder() throws SQLException {
        AppDefinition contacts = contactsRequiringLastName();
        ChunkOutcome outcome = importChunk(contacts, MONDAY,
                new ImportRow(3, Map.of("email", "ana@example.com")),
                new ImportRow(4, Map.of("email", "bea@example.com", "last_name", "Costa")),
                new ImportRow(5, Map.of("email", "cai@example.com")),
                new ImportRow(6, Map.of("email", "dina@example.com")));
        String jobId = createJob("contact");

        try (Connection connection = database.transaction()) {
            RowErrorStore errors = new RowErrorStore(connection);
            errors.add(jobId, 1, outcome.errors(), line -> List.of("cells of line " + line));
            connection.commit();

            assertEquals(outcome.errors().subList(0, 2), errors.page(jobId, 0, 2));
            assertEquals(outcome.errors().subList(2, 3), errors.page(jobId, 2, 2));
            assertTrue(errors.page(jobId, 3, 2).isEmpty());
        }
        assertEquals(List.of(3, 5, 6), outcome.errors().stream().map(RowError::line).toList());
    }

    /**
     * How an import overlaps reading and writing: chunk 2 is planned while chunk 1 is not yet written, so the
     * database still shows Ana under her old external id and knows nothing of Bea. Planned on top of chunk 1's
     * writes, chunk 2 must still decide what it would decide after chunk 1's commit.
     */
    @Test
    void plansAChunkOnTopOfTheChunkStillBeingWrittenAsIfThatOneHadCommitted() throws SQLException {
        AppDefinition contacts = contacts(List.of(List.of("email"), List.of("external_id")));
        importChunk(contacts, MONDAY, new ImportRow(2, Map.of("email", "ana@example.com", "external_id", "X1",
                "city", "Porto")));
        ChunkPlan first = plan(contacts, null,
                new ImportRow(2, Map.of("email", "ana@example.com", "external_id", "X2", "city", "Lisbon")),
                new ImportRow(3, Map.of("email", "bea@example.com", "external_id", "X3")));

        ChunkPlan second = plan(contacts, first.writes(),
                new ImportRow(1002, Map.of("external_id", "X1", "email", "cai@example.com")),
                new ImportRow(1003, Map.of("external_id", "X3", "city", "Faro")),
                new ImportRow(1004, Map.of("email", "ANA@example.com", "city", "Braga")));
        write(contacts, first);
        write(contacts, second);

        assertCounts(1, 1, first.outcome());
        assertCounts(1, 2, second.outcome());
        assertEquals(Map.of("email", "ANA@example.com", "external_id", "X2", "city", "Braga"),
                recordMatching(contacts, Map.of("external_id", "X2")).orElseThrow().values());
        assertEquals("Faro", cityOf(contacts, Map.of("email", "bea@example.com")));
        assertEquals("cai@example.com", recordMatching(contacts, Map.of("external_id", "X1")).orElseThrow()
                .values().get("email"));
        assertEquals(3, records("contact").size());
    }

    @Test
    void aReferenceToAKeyThatAnEarlierRowFreedFindsNoRecord() throws SQLException {
        AppDefinition people = peopleWithManager();
        importChunk(people, MONDAY, new ImportRow(2, Map.of("email", "ana@example.com", "ext", "XA")));

        ChunkOutcome outcome = importChunk(people, TUESDAY,
                new ImportRow(2, Map.of("email", "ana@example.com", "ext", "XB")),
                new ImportRow(3, Map.of("email", "bea@example.com", "manager", "XA")),
                new ImportRow(4, Map.of("email", "cai@example.com", "manager", "XB")));

        assertEquals(List.of(1, 1, 1), List.of(outcome.added(), outcome.updated(), outcome.errors().size()));
        assertRowError(outcome.errors().get(0), 3, "Manager", "XA", "REFERENCE_NOT_FOUND");
    }

    @Test
    void aReferencePlannedOnTopOfAPendingChunkSeesTheKeysThatChunkMoved() throws SQLException {
        AppDefinition people = peopleWithManager();
        importChunk(people, MONDAY, new ImportRow(2, Map.of("email", "ana@example.com", "ext", "XA")));
        ChunkPlan first = plan(people, null, new ImportRow(2, Map.of("email", "ana@example.com", "ext", "XB")));

        ChunkPlan second = plan(people, first.writes(),
                new ImportRow(1002, Map.of("email", "bea@example.com", "manager", "XA")),
                new ImportRow(1003, Map.of("email", "cai@example.com", "manager", "XB")));

        ChunkOutcome outcome = second.outcome();
        assertEquals(List.of(1, 0, 1), List.of(outcome.added(), outcome.updated(), outcome.errors().size()));
        assertRowError(second.outcome().errors().get(0), 1002, "Manager", "XA", "REFERENCE_NOT_FOUND");
    }

    @Test
    void aDryRunSeesTheKeysItsEarlierChunksWouldHaveMoved() throws SQLException {
        AppDefinition people = peopleWithManager();
        importChunk(people, MONDAY, new ImportRow(2, Map.of("email", "ana@example.com", "ext", "XA")));
        ChunkApplier dryRun = new ChunkApplier(people, null, columnOf(people), catalog(people)).dryRun();

        try (Connection connection = database.transaction()) {
            dryRun.on(new RecordStore(connection)).plan(List.of(
                    new ImportRow(2, Map.of("email", "ana@example.com", "ext", "XB"))), TUESDAY);
            ChunkOutcome second = dryRun.on(new RecordStore(connection)).plan(List.of(
                    new ImportRow(1002, Map.of("email", "bea@example.com", "manager", "XA")),
                    new ImportRow(1003, Map.of("email", "cai@example.com", "manager", "XB"))), TUESDAY).outcome();

            assertEquals(List.of(1, 0, 1), List.of(second.added(), second.updated(), second.errors().size()));
            assertRowError(second.errors().get(0), 1002, "Manager", "XA", "REFERENCE_NOT_FOUND");
        }
    }

    /**
     * An undo can commit the deletion of a record between a plan's key lookup and its load of the records found.
     * Here the record is removed behind its key (H2's integrity checks off for the moment), which the lookup then
     * finds: the row plans a new record instead of failing on the missing one.
     */
    @Test
    void aRowWhoseRecordVanishedAfterItsKeyWasFoundPlansANewRecord() throws SQLException {
        AppDefinition contacts = contacts(List.of(List.of("email")));
        importChunk(contacts, MONDAY, new ImportRow(2, Map.of("email", "ana@example.com", "city", "Porto")));
        try (Connection connection = database.transaction()) {
            connection.createStatement().execute("set referential_integrity false");
            connection.createStatement().execute("delete from crm_record");
            connection.createStatement().execute("set referential_integrity true");
            connection.commit();
        }

        ChunkPlan plan = plan(contacts, null, new ImportRow(2, Map.of("email", "ana@example.com", "city", "Faro")));

        assertCounts(1, 0, plan.outcome());
        assertEquals(Map.of("email", "ana@example.com", "city", "Faro"), plan.writes().inserts().get(0).values());
    }

    /** Plans a chunk on a connection of its own, writing nothing, on top of a pending chunk's writes if given. */
    private ChunkPlan plan(AppDefinition app, ChunkWrites pending, ImportRow... rows) throws SQLException {
        try (Connection connection = database.transaction()) {
            ChunkApplier applier = new ChunkApplier(app, new RecordStore(connection), columnOf(app), catalog(app));
            ChunkPlan plan = (pending == null ? applier : applier.after(pending)).plan(List.of(rows), TUESDAY);
            connection.commit();
            return plan;
        }
    }

    private void write(AppDefinition app, ChunkPlan plan) throws SQLException {
        try (Connection connection = database.transaction()) {
            plan.writes().writeTo(new RecordStore(connection), app.entity(), null);
            connection.commit();
        }
    }

    private ChunkOutcome importChunk(AppDefinition app, Instant now, ImportRow... rows) throws SQLException {
        return importChunk(app, catalog(app), now, rows);
    }

    /** Applies one chunk of a file that has columns for the given fields only. */
    private ChunkOutcome importFileChunk(AppDefinition app, Function<String, String> columnOf, Instant now,
            ImportRow... rows) throws SQLException {
        try (Connection connection = database.transaction()) {
            RecordStore store = new RecordStore(connection);
            ChunkPlan plan = new ChunkApplier(app, store, columnOf, catalog(app)).plan(List.of(rows), now);
            plan.writes().writeTo(store, app.entity(), null);
            connection.commit();
            return plan.outcome();
        }
    }

    /** Plans one chunk without writing it. */
    private ChunkPlan planChunk(AppDefinition app, Instant now, ImportRow... rows) throws SQLException {
        try (Connection connection = database.transaction()) {
            return new ChunkApplier(app, new RecordStore(connection), columnOf(app), catalog(app))
                    .plan(List.of(rows), now);
        }
    }

    private static Function<String, String> columnsOf(AppDefinition app, String... fields) {
        return name -> List.of(fields).contains(name) ? columnOf(app).apply(name) : null;
    }

    /** Applies one chunk in a transaction of its own and commits it, or rolls it back when it fails. */
    private ChunkOutcome importChunk(AppDefinition app, Function<String, Optional<AppDefinition>> apps, Instant now,
            ImportRow... rows) throws SQLException {
        try (Connection connection = database.transaction()) {
            try {
                RecordStore store = new RecordStore(connection);
                ChunkPlan plan = new ChunkApplier(app, store, columnOf(app), apps).plan(List.of(rows), now);
                plan.writes().writeTo(store, app.entity(), null);
                connection.commit();
                return plan.outcome();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    /**
     * A catalogue that, when the engine first asks it for an app (after the chunk's keys were looked up, before
     * anything is written), lets another import commit its row on its own connection: the race the unique
     * constraint on match keys settles.
     */
    private Function<String, Optional<AppDefinition>> catalogRacedByAnotherImport(AppDefinition racingApp,
            ImportRow racingRow, AppDefinition... apps) {
        return entity -> {
            try {
                importChunk(racingApp, catalog(apps), MONDAY, racingRow);
            } catch (SQLException e) {
                throw new IllegalStateException("The racing import failed", e);
            }
            return catalog(apps).apply(entity);
        };
    }

    private List<StoredRecord> records(String entity) throws SQLException {
        try (Connection connection = database.transaction()) {
            return new RecordStore(connection).page(entity, 0, 100);
        }
    }

    private StoredRecord onlyRecord(String entity) throws SQLException {
        List<StoredRecord> records = records(entity);
        assertEquals(1, records.size(), () -> "records of " + entity + ": " + records);
        return records.get(0);
    }

    /** The record that the values' deciding match rule finds, looked up through its stored key. */
    private Optional<StoredRecord> recordMatching(AppDefinition app, Map<String, String> values) throws SQLException {
        MatchKeys matchKeys = new MatchKeys(app);
        MatchRule rule = matchKeys.decisiveRule(values).orElseThrow();
        RecordKey key = new RecordKey(rule.index(), matchKeys.keyFor(rule, values).orElseThrow());
        try (Connection connection = database.transaction()) {
            RecordStore store = new RecordStore(connection);
            Long id = store.findByKeys(app.entity(), Set.of(key)).get(key);
            return id == null ? Optional.empty() : Optional.of(store.load(List.of(id)).get(id));
        }
    }

    private String cityOf(AppDefinition app, Map<String, String> keyValues) throws SQLException {
        return recordMatching(app, keyValues).orElseThrow().values().get("city");
    }

    private String externalIdOf(AppDefinition app, Map<String, String> keyValues) throws SQLException {
        return recordMatching(app, keyValues).orElseThrow().values().get("external_id");
    }

    /** A queued import job, as the row errors of an import belong to one. */
    private String createJob(String entity) throws SQLException {
        String sql = "insert into import_job (id, entity, file_name, status, processed, added, updated, failed, "
                + "created_by, created_at, expires_at, ignore_unknown, max_errors, checkpoint_line, cancel_requested) "
                + "values ('job-1', ?, 'contacts.csv', 'QUEUED', 0, 0, 0, 0, 'admin', ?, ?, false, 1000, 1, false)";
        try (Connection connection = database.transaction();
                PreparedStatement insert = connection.prepareStatement(sql)) {
            insert.setString(1, entity);
            insert.setTimestamp(2, Timestamp.from(MONDAY));
            insert.setTimestamp(3, Timestamp.from(MONDAY.plusSeconds(90L * 24 * 3600)));
            insert.executeUpdate();
            connection.commit();
        }
        return "job-1";
    }

    private static void assertCounts(int added, int updated, ChunkOutcome outcome) {
        assertEquals(added + " added, " + updated + " updated, no errors", outcome.added() + " added, "
                + outcome.updated() + " updated, " + (outcome.errors().isEmpty() ? "no" : "some") + " errors");
    }

    private static void assertRowError(RowError error, int line, String column, String value, String code) {
        assertEquals(line, error.line());
        assertEquals(column, error.column());
        assertEquals(value, error.value());
        assertEquals(code, error.code());
        assertFalse(error.message().isBlank());
    }

    private static Function<String, String> columnOf(AppDefinition app) {
        return name -> app.field(name).map(FieldDefinition::label).orElseThrow();
    }

    private static Function<String, Optional<AppDefinition>> catalog(AppDefinition... apps) {
        return entity -> Arrays.stream(apps).filter(app -> app.entity().equals(entity)).findFirst();
    }

    private static AppDefinition contacts(List<List<String>> matchOn) {
        return new AppDefinition("contact", "Contacts", List.of(field("external_id", "External ID", FieldType.TEXT),
                field("email", "Email", FieldType.EMAIL), field("first_name", "First name", FieldType.TEXT),
                field("last_name", "Last name", FieldType.TEXT), field("city", "City", FieldType.TEXT)), matchOn);
    }

    private static AppDefinition contactsRequiringLastName() {
        FieldDefinition lastName = new FieldDefinition("last_name", "Last name", FieldType.TEXT, true, false, null,
                null, null);
        return new AppDefinition("contact", "Contacts", List.of(field("email", "Email", FieldType.EMAIL),
                field("first_name", "First name", FieldType.TEXT), lastName), List.of(List.of("email")));
    }

    private static AppDefinition contactsWithCompany() {
        FieldDefinition company = new FieldDefinition("company", "Company", FieldType.REFERENCE, false, false, null,
                null, "company");
        return new AppDefinition("contact", "Contacts", List.of(field("email", "Email", FieldType.EMAIL),
                field("first_name", "First name", FieldType.TEXT), company, field("city", "City", FieldType.TEXT)),
                List.of(List.of("email")));
    }

    /** People matched by email or by an external id, with a manager who is one of them, named by either key. */
    private static AppDefinition peopleWithManager() {
        FieldDefinition manager = new FieldDefinition("manager", "Manager", FieldType.REFERENCE, false, false, null,
                null, "contact");
        return new AppDefinition("contact", "Contacts", List.of(field("email", "Email", FieldType.EMAIL),
                field("ext", "External ID", FieldType.TEXT), manager), List.of(List.of("email"), List.of("ext")));
    }

    private static AppDefinition companies() {
        return new AppDefinition("company", "Companies", List.of(field("name", "Name", FieldType.TEXT)),
                List.of(List.of("name")));
    }

    private static FieldDefinition field(String name, String label, FieldType type) {
        return new FieldDefinition(name, label, type, false, false, null, null, null);
    }
}
