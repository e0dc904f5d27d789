package dev.intake.domain.importing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.intake.domain.TestDatabase;
import dev.intake.domain.record.Dialect;
import dev.intake.domain.record.RecordIds;
import dev.intake.domain.record.RecordKey;
import dev.intake.domain.record.RecordStore;
import dev.intake.domain.record.Statements;
import dev.intake.domain.record.StoredRecord;
import dev.intake.domain.schema.SchemaMigrations;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * What a chunk writes reads back exactly: records, match keys and journal entries, with values that need quoting
 * inside an array. Runs on H2 (batches) and, when INTAKE_TEST_DB_URL names a PostgreSQL database, there too (one
 * statement from array parameters per list). On PostgreSQL each test works in one transaction that it rolls back,
 * so the shared database keeps nothing.
 */
class ChunkWritesTest {

    private static final Instant CREATED = Instant.parse("2026-03-02T09:15:30.123456Z");

    private TestDatabase h2;
    private Connection connection;

    @AfterEach
    void close() throws SQLException {
        if (connection != null) {
            connection.rollback();
            connection.close();
        }
        if (h2 != null) {
            h2.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void insertedRecordsReadBackWithTheirTimesValuesAndWriter(Dialect dialect) throws SQLException {
        RecordStore store = new RecordStore(open(dialect));
        String entity = uniqueEntity();
        StoredRecord quoted = new StoredRecord(store.newId(), entity, CREATED, CREATED.plusSeconds(61),
                Map.of("name", "O'Brien, \"Bob\" {x} \\ y", "city", "Zürich\nNord"));
        StoredRecord literalNull = new StoredRecord(store.newId(), entity, CREATED, CREATED, Map.of("name", "NULL"));
        StoredRecord byNoJob = new StoredRecord(store.newId(), entity, CREATED, CREATED, Map.of());

        store.insert(List.of(quoted, literalNull), "job-1", Map.of());
        store.insert(List.of(byNoJob));

        List<Long> ids = List.of(quoted.id(), literalNull.id(), byNoJob.id());
        assertEquals(Map.of(quoted.id(), quoted, literalNull.id(), literalNull, byNoJob.id(), byNoJob),
                store.load(ids));
        assertEquals(Map.of(quoted.id(), "job-1", literalNull.id(), "job-1"), store.lastChangedBy(ids));
    }

    /**
     * Statements sent together: on PostgreSQL none runs before the round trip that sends them all, with their
     * parameters numbered across them; on H2 each runs when added. A failing one fails the round trip with its
     * SQL state, as a statement of its own would; each statement's count of rows is checked with its own, and a
     * query's rows are read with its own.
     */
    @ParameterizedTest
    @EnumSource(Dialect.class)
    void statementsSentTogetherAllApplyAndAFailureKeepsItsState(Dialect dialect) throws SQLException {
        Connection connection = open(dialect);
        String job = UUID.randomUUID().toString();
        String sql = "insert into row_outcome (job_id, first_line, last_line, outcomes) values (?, ?, ?, ?)";
        Statements together = Statements.on(connection);
        for (int line : new int[] {2, 1002}) {
            together.add(sql, (insert, before) -> {
                insert.setString(before + 1, job);
                insert.setInt(before + 2, line);
                insert.setInt(before + 3, line + 999);
                insert.setString(before + 4, "line " + line);
            });
        }
        List<Integer> beforeSending = column("select first_line from row_outcome where job_id = ?", job,
                rows -> rows.getInt(1));
        together.send();

        assertEquals(dialect == Dialect.H2 ? List.of(2, 1002) : List.of(), beforeSending);
        assertEquals(List.of("line 2", "line 1002"), column("select outcomes from row_outcome where job_id = ?"
                + " order by first_line", job, rows -> rows.getString(1)));
        List<Integer> counts = new ArrayList<>();
        together.addQuery("select count(*) from row_outcome where job_id = ?", (query, before) ->
                query.setString(before + 1, job), rows -> {
                    rows.next();
                    counts.add(rows.getInt(1));
                });
        for (int line : new int[] {1002, 7}) {
            together.add("update row_outcome set outcomes = ? where job_id = ? and first_line = ?",
                    (update, before) -> {
                        update.setString(before + 1, "changed");
                        update.setString(before + 2, job);
                        update.setInt(before + 3, line);
                    }, counts::add);
        }
        together.send();
        assertEquals(List.of(2, 1, 0), counts, "a query's rows, then each statement's own count, in order");
        SQLException taken = assertThrows(SQLException.class, () -> {
            together.add(sql, (insert, before) -> {
                insert.setString(before + 1, job);
                insert.setInt(before + 2, 2);
                insert.setInt(before + 3, 2);
                insert.setString(before + 4, "again");
            });
            together.send();
        });
        assertEquals("23505", taken.getSQLState(), taken.toString());
    }

    /** A chunk's plan needs a transaction of one snapshot only when its keys take more than one statement. */
    @Test
    void keysOfOneRuleUpToOneArrayAreLookedUpInOneStatement() {
        assertTrue(RecordStore.looksUpInOneStatement(1, 5000));
        assertTrue(RecordStore.looksUpInOneStatement(0, 1));
        assertFalse(RecordStore.looksUpInOneStatement(2, 1), "a statement per rule");
        assertFalse(RecordStore.looksUpInOneStatement(1, 5001), "a statement per 5,000 keys");
    }

    /** An import's chunks share its block of record ids; another writer draws a block of its own. */
    @ParameterizedTest
    @EnumSource(Dialect.class)
    void storesSharingRecordIdsContinueOneBlock(Dialect dialect) throws SQLException {
        Connection connection = open(dialect);
        RecordIds importIds = new RecordIds();
        long first = new RecordStore(connection, importIds).newId();
        long second = new RecordStore(connection, importIds).newId();
        long other = new RecordStore(connection).newId();

        assertEquals(first + 1, second);
        assertTrue(Math.abs(other - first) >= 1000, first + " and " + other + " come from different blocks");

        RecordIds forImport = RecordIds.forImport();
        RecordStore store = new RecordStore(connection, forImport);
        List<Long> ids = new ArrayList<>();
        for (int n = 0; n < 2500; n++) {
            ids.add(store.newId());
        }
        assertEquals(2500, Set.copyOf(ids).size());
        assertEquals(ids.stream().sorted().toList(), ids, "ascending across the blocks reserved together");
        assertTrue(new RecordStore(connection).newId() > ids.get(2499) + 7000, "ten blocks were reserved at once");
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void addedKeysAreFoundByRuleAndValue(Dialect dialect) throws SQLException {
        RecordStore store = new RecordStore(open(dialect));
        String entity = uniqueEntity();
        long ann = storedRecord(store, entity);
        long bob = storedRecord(store, entity);
        RecordKey annsEmail = new RecordKey(1, "ann@example.com");
        RecordKey annsName = new RecordKey(2, "o'brien, \"ann\" {1}");
        RecordKey bobsEmail = new RecordKey(1, "bob@example.com");

        store.addKeys(entity, Map.of(annsEmail, ann, annsName, ann, bobsEmail, bob));

        assertEquals(Map.of(annsEmail, ann, annsName, ann, bobsEmail, bob),
                store.findByKeys(entity, List.of(annsEmail, annsName, bobsEmail, new RecordKey(2, "ann@example.com"))));
        assertEquals(Map.of(ann, Set.of(annsEmail, annsName), bob, Set.of(bobsEmail)),
                store.storedKeys(List.of(ann, bob)));
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void keysFindTheirRecordsInOneQuery(Dialect dialect) throws SQLException {
        RecordStore store = new RecordStore(open(dialect));
        String entity = uniqueEntity();
        StoredRecord ann = new StoredRecord(store.newId(), entity, CREATED, CREATED.plusSeconds(5),
                Map.of("email", "ann@example.com", "note", "O'Brien, \"Ann\""));
        StoredRecord bob = new StoredRecord(store.newId(), entity, CREATED, CREATED,
                Map.of("email", "bob@example.com"));
        store.insert(List.of(ann, bob), "job-1", Map.of());
        RecordKey annsEmail = new RecordKey(1, "ann@example.com");
        RecordKey annsOtherKey = new RecordKey(2, "ann");
        RecordKey bobsEmail = new RecordKey(1, "bob@example.com");
        store.addKeys(entity, Map.of(annsEmail, ann.id(), annsOtherKey, ann.id(), bobsEmail, bob.id()));

        assertEquals(Map.of(annsEmail, ann, annsOtherKey, ann, bobsEmail, bob), store.findRecordsByKeys(entity,
                List.of(annsEmail, annsOtherKey, bobsEmail, new RecordKey(1, "ann"))));
        assertEquals(Map.of(), store.findRecordsByKeys(uniqueEntity(), List.of(annsEmail)), "another app's keys");
    }

    /** V14: the first rule's key is held by the record itself, found and listed like the keys of other rules. */
    @ParameterizedTest
    @EnumSource(Dialect.class)
    void recordsHoldTheirFirstRulesKeyFromTheirInsert(Dialect dialect) throws SQLException {
        RecordStore store = new RecordStore(open(dialect));
        String entity = uniqueEntity();
        StoredRecord ann = new StoredRecord(store.newId(), entity, CREATED, CREATED, Map.of("email", "ann@x.org"));
        StoredRecord bob = new StoredRecord(store.newId(), entity, CREATED, CREATED, Map.of("name", "Bob"));
        RecordKey annsEmail = new RecordKey(0, "ann@x.org");
        RecordKey annsCode = new RecordKey(1, "a-1");

        store.insert(List.of(ann, bob), "job-1", Map.of(ann.id(), "ann@x.org"));
        store.addKeys(entity, Map.of(annsCode, ann.id()));

        assertEquals(Map.of(annsEmail, ann, annsCode, ann), store.findRecordsByKeys(entity,
                List.of(annsEmail, annsCode, new RecordKey(0, "bob"), new RecordKey(1, "ann@x.org"))));
        assertEquals(Map.of(annsEmail, ann.id()), store.findByKeys(entity, List.of(annsEmail)));
        assertEquals(Map.of(ann.id(), Set.of(annsEmail, annsCode)), store.storedKeys(List.of(ann.id(), bob.id())));
        assertEquals(Map.of(), store.findByKeys(uniqueEntity(), List.of(annsEmail)), "another app's keys");
    }

    /** The longest key the planner lets through (2,000 bytes of UTF-8) fits both key indexes of either database. */
    @ParameterizedTest
    @EnumSource(Dialect.class)
    void aKeyOfTheLargestSizeAllowedIsStoredAndFound(Dialect dialect) throws SQLException {
        RecordStore store = new RecordStore(open(dialect));
        String entity = uniqueEntity() + "_" + "e".repeat(60);
        String longest = "\u6771".repeat(666) + "ab";
        assertEquals(RecordStore.MAX_KEY_BYTES, longest.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
        StoredRecord ann = new StoredRecord(store.newId(), entity, CREATED, CREATED, Map.of("code", longest));

        store.insert(List.of(ann), "job-1", Map.of(ann.id(), longest));
        store.addKeys(entity, Map.of(new RecordKey(1, longest), ann.id()));

        assertEquals(Map.of(new RecordKey(0, longest), ann.id(), new RecordKey(1, longest), ann.id()),
                store.findByKeys(entity, List.of(new RecordKey(0, longest), new RecordKey(1, longest))));
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void aHeldKeyIsUniquePerAppAndMovesWhenFreed(Dialect dialect) throws SQLException {
        RecordStore store = new RecordStore(open(dialect));
        String entity = uniqueEntity();
        long ann = storedRecord(store, entity);
        RecordKey email = new RecordKey(0, "ann@x.org");
        store.addKeys(entity, Map.of(email, ann));
        StoredRecord twin = new StoredRecord(store.newId(), entity, CREATED, CREATED, Map.of());

        SQLException refused = assertThrows(SQLException.class,
                () -> store.insert(List.of(twin), "job-2", Map.of(twin.id(), "ann@x.org")));
        assertEquals("23505", refused.getSQLState(), refused.toString());
        connection.rollback();

        RecordStore again = new RecordStore(connection);
        long first = storedRecord(again, entity);
        long second = storedRecord(again, entity);
        again.addKeys(entity, Map.of(email, first));
        again.removeKeys(entity, List.of(email));
        again.addKeys(entity, Map.of(email, second));
        assertEquals(Map.of(email, second), again.findByKeys(entity, List.of(email)));
        assertEquals(Map.of(second, Set.of(email)), again.storedKeys(List.of(first, second)));
        assertEquals(1, again.load(List.of(first)).size(), "freeing a key keeps its record");
    }

    /**
     * An update finds its record as the plan read it, or fails the chunk (40001) so that it is planned again on what
     * is committed: a write of another job in between is never overwritten unseen. The time read may be one this
     * JVM wrote with nanoseconds (a plan on top of the chunk being written), which the database keeps to the
     * microsecond.
     */
    @ParameterizedTest
    @EnumSource(Dialect.class)
    void anUpdateOfARecordWrittenSinceThePlanReadItFailsInsteadOfLosingThatWrite(Dialect dialect)
            throws SQLException {
        RecordStore store = new RecordStore(open(dialect));
        String entity = uniqueEntity();
        StoredRecord ann = new StoredRecord(store.newId(), entity, CREATED, CREATED, Map.of("name", "Ann"));
        store.insert(List.of(ann), "job-1", Map.of());
        Instant read = store.load(List.of(ann.id())).get(ann.id()).updatedAt();
        Instant secondWrite = CREATED.plusSeconds(60).plusNanos(123_456_789);

        store.update(List.of(new StoredRecord(ann.id(), entity, CREATED, secondWrite,
                Map.of("name", "Ann", "email", "ann@x.org"))), "job-2", Map.of(ann.id(), read));
        store.update(List.of(new StoredRecord(ann.id(), entity, CREATED, CREATED.plusSeconds(90),
                Map.of("name", "Ann", "email", "ann@x.org", "city", "Faro"))), "job-2", Map.of(ann.id(), secondWrite));
        assertEquals(Map.of("name", "Ann", "email", "ann@x.org", "city", "Faro"),
                store.load(List.of(ann.id())).get(ann.id()).values());

        SQLException refused = assertThrows(SQLException.class, () -> store.update(List.of(new StoredRecord(ann.id(),
                entity, CREATED, CREATED.plusSeconds(120), Map.of("name", "Annie"))), "job-3", Map.of(ann.id(), read)));
        assertEquals("40001", refused.getSQLState(), refused.toString());
    }

    /**
     * Times far from today are written and compared exactly: PostgreSQL adds them up from whole days and the
     * microseconds left, as exact for a record that a hand or another tool gave a time centuries away.
     */
    @ParameterizedTest
    @EnumSource(Dialect.class)
    void timesFarFromTodayReadBackToTheMicrosecondAndStillGuardUpdates(Dialect dialect) throws SQLException {
        RecordStore store = new RecordStore(open(dialect));
        String entity = uniqueEntity();
        Instant early = Instant.parse("1600-01-01T00:00:00.000001Z");
        Instant late = Instant.parse("2300-12-31T23:59:59.999999Z");
        StoredRecord ann = new StoredRecord(store.newId(), entity, early, late, Map.of("name", "Ann"));
        store.insert(List.of(ann), "job-1", Map.of());
        StoredRecord annie = new StoredRecord(ann.id(), entity, early, late.minusSeconds(1), Map.of("name", "Annie"));

        assertThrows(SQLException.class, () -> store.update(List.of(annie), "job-2", Map.of(ann.id(), early)));
        store.update(List.of(annie), "job-2", Map.of(ann.id(), late));
        assertEquals(Map.of(ann.id(), annie), store.load(List.of(ann.id())));
    }

    /** Two records of a chunk that swap their held keys: the keys are freed before either takes the other's. */
    @ParameterizedTest
    @EnumSource(Dialect.class)
    void aChunkWritesRecordsThatSwapTheirHeldKeys(Dialect dialect) throws SQLException {
        RecordStore store = new RecordStore(open(dialect));
        String entity = uniqueEntity();
        long ann = storedRecord(store, entity);
        long bob = storedRecord(store, entity);
        RecordKey a = new RecordKey(0, "a@x.org");
        RecordKey b = new RecordKey(0, "b@x.org");
        store.addKeys(entity, Map.of(a, ann, b, bob));
        StoredRecord annNow = new StoredRecord(ann, entity, CREATED, CREATED, Map.of("email", "b@x.org"));
        StoredRecord bobNow = new StoredRecord(bob, entity, CREATED, CREATED, Map.of("email", "a@x.org"));
        StoredRecord cid = new StoredRecord(store.newId(), entity, CREATED, CREATED, Map.of("email", "c@x.org"));
        RecordKey c = new RecordKey(0, "c@x.org");
        ChunkWrites writes = new ChunkWrites(List.of(cid), List.of(annNow, bobNow), Map.of(b, ann, a, bob, c, cid.id()),
                List.of(a, b), List.of(), Map.of(), Map.of());

        writes.writeTo(store, entity, null);

        assertEquals(Map.of(a, bob, b, ann, c, cid.id()), store.findByKeys(entity, List.of(a, b, c)));
    }

    /**
     * A chunk's records and journal are encoded when its writes are made (on the planning thread); writing them
     * sends that stored form, which reads back as the records and entries planned.
     */
    @ParameterizedTest
    @EnumSource(Dialect.class)
    void writesAreEncodedWhenMadeAndReadBackAsPlanned(Dialect dialect) throws SQLException {
        RecordStore store = new RecordStore(open(dialect));
        String entity = uniqueEntity();
        String job = UUID.randomUUID().toString();
        long ann = storedRecord(store, entity);
        StoredRecord annNow = new StoredRecord(ann, entity, CREATED, CREATED.plusSeconds(5),
                Map.of("city", "Porto \"Norte\""));
        StoredRecord cid = new StoredRecord(store.newId(), entity, CREATED, CREATED, Map.of("name", "Cid"));
        Map<String, String> previous = new LinkedHashMap<>();
        previous.put("city", null);
        List<JournalEntry> journal = List.of(new JournalEntry(ann, 7, false, previous), created(cid.id(), 8));

        ChunkWrites writes = new ChunkWrites(List.of(cid), List.of(annNow), Map.of(), List.of(), journal, Map.of(),
                Map.of());

        assertEquals(List.of("{\"name\":\"Cid\"}"), writes.stored().inserts().values());
        assertEquals(List.of("{\"city\":\"Porto \\\"Norte\\\"\"}"), writes.stored().updates().values());
        assertEquals(ImportJournal.rows(journal), writes.stored().journal());
        writes.writeTo(store, entity, job);
        assertEquals(Map.of(ann, annNow, cid.id(), cid), store.load(List.of(ann, cid.id())));
        assertEquals(List.of(new JournalEntry(ann, 7, false, previous), created(cid.id(), 8)),
                new ImportJournal(store.connection()).recordsAfter(job, 0, 10));
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void aKeyAnotherRecordHoldsFailsWithTheUniqueViolationThatTheRunnerRetries(Dialect dialect) throws SQLException {
        RecordStore store = new RecordStore(open(dialect));
        String entity = uniqueEntity();
        long ann = storedRecord(store, entity);
        long bob = storedRecord(store, entity);
        store.addKeys(entity, Map.of(new RecordKey(1, "ann@example.com"), ann));

        SQLException failure = assertThrows(SQLException.class, () -> store.addKeys(entity,
                Map.of(new RecordKey(1, "bob@example.com"), bob, new RecordKey(1, "ann@example.com"), bob)));

        assertEquals("23505", failure.getSQLState(), failure.toString());
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void journalEntriesReadBackWithPreviousValuesAndNoneForCreatedRecords(Dialect dialect) throws SQLException {
        ImportJournal journal = new ImportJournal(open(dialect));
        String job = UUID.randomUUID().toString();
        Map<String, String> previous = new LinkedHashMap<>();
        previous.put("name", "O'Brien, \"Bob\" {x} \\ y");
        previous.put("phone", null);
        JournalEntry changed = new JournalEntry(12, 1001, false, previous);
        JournalEntry created = new JournalEntry(11, 2, true, Map.of());

        journal.add(job, List.of(changed, created));

        assertEquals(List.of(created, changed), journal.recordsAfter(job, 0, 10));
        assertTrue(journal.holdsMoreThan(job, 1));
        assertFalse(journal.holdsMoreThan(job, 2));
        assertEquals(List.of(List.of(12L)), changedRecordRows(job));
        assertEquals(List.of("11:2"), createdRecordRows(job));
    }

    /**
     * V13: the records a chunk created share one journal row; undo still pages through created and changed records
     * together in id order, whichever row they come from, and a record created by one chunk and changed by a later
     * one reads back as created.
     */
    @ParameterizedTest
    @EnumSource(Dialect.class)
    void createdRecordsShareOneRowPerChunkAndPageWithChangedOnesInIdOrder(Dialect dialect) throws SQLException {
        ImportJournal journal = new ImportJournal(open(dialect));
        String job = UUID.randomUUID().toString();
        journal.add(job, List.of(created(30, 2), created(31, 3), changed(5, 4), created(32, 5)));
        journal.add(job, List.of(changed(31, 1001), created(7, 1002), changed(40, 1003), created(33, 1004)));

        List<Long> pages = new ArrayList<>();
        List<JournalEntry> all = new ArrayList<>();
        long after = 0;
        for (List<JournalEntry> page = journal.recordsAfter(job, after, 2); !page.isEmpty();
                page = journal.recordsAfter(job, after, 2)) {
            assertTrue(page.size() <= 2, page.toString());
            pages.add((long) page.size());
            all.addAll(page);
            after = page.get(page.size() - 1).recordId();
        }

        assertEquals(List.of(5L, 7L, 30L, 31L, 32L, 33L, 40L), all.stream().map(JournalEntry::recordId).toList());
        assertEquals(List.of(false, true, true, true, true, true, false),
                all.stream().map(JournalEntry::created).toList());
        assertEquals(new JournalEntry(31, 3, true, Map.of()), all.get(3), "created first, changed later");
        assertEquals(List.of(2L, 2L, 2L, 1L), pages);
        assertEquals(List.of("7:1002,33:1004", "30:2,31:3,32:5"), createdRecordRows(job));
        assertEquals(List.of(List.of(5L), List.of(31L, 40L)), changedRecordRows(job), "a row per chunk and block");
        assertTrue(journal.holdsMoreThan(job, 6));
        assertFalse(journal.holdsMoreThan(job, 7));
    }

    /** Journals written before V13 keep a row per created record in import_journal; undo still reads them. */
    @ParameterizedTest
    @EnumSource(Dialect.class)
    void createdRecordsJournalledBeforeV13StillReadBack(Dialect dialect) throws SQLException {
        Connection connection = open(dialect);
        String job = UUID.randomUUID().toString();
        String sql = "insert into import_journal (job_id, record_id, line, created, previous_values)"
                + " values (?, 21, 2, true, null)";
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            insert.setString(1, job);
            insert.executeUpdate();
        }
        ImportJournal journal = new ImportJournal(connection);
        journal.add(job, List.of(created(20, 3), changed(21, 1001)));

        assertEquals(List.of(created(20, 3), created(21, 2)), journal.recordsAfter(job, 0, 10));
    }

    /**
     * V15: the records a chunk changed share one row per block of 1,000 record ids; undo pages through them in id
     * order across blocks, rows of several chunks and sparse blocks far apart, a record changed by two chunks
     * reading back with the values it had before the first.
     */
    @ParameterizedTest
    @EnumSource(Dialect.class)
    void changedRecordsShareOneRowPerBlockOfIdsAndPageInIdOrder(Dialect dialect) throws SQLException {
        ImportJournal journal = new ImportJournal(open(dialect));
        String job = UUID.randomUUID().toString();
        List<JournalEntry> first = new ArrayList<>();
        for (long id = 1990; id < 2010; id++) {
            first.add(changed(id, 2));
        }
        first.add(changed(5_000_000_123L, 2));
        journal.add(job, first);
        journal.add(job, List.of(changed(2005, 1002), changed(1995, 1002), created(2500, 1002)));

        assertEquals(List.of(List.of(1990L, 1991L, 1992L, 1993L, 1994L, 1995L, 1996L, 1997L, 1998L, 1999L),
                List.of(1995L), List.of(2000L, 2001L, 2002L, 2003L, 2004L, 2005L, 2006L, 2007L, 2008L, 2009L),
                List.of(2005L), List.of(5_000_000_123L)), changedRecordRows(job));
        List<List<Long>> pages = new ArrayList<>();
        List<JournalEntry> all = new ArrayList<>();
        long after = 0;
        for (List<JournalEntry> page = journal.recordsAfter(job, after, 7); !page.isEmpty();
                page = journal.recordsAfter(job, after, 7)) {
            pages.add(page.stream().map(JournalEntry::recordId).toList());
            all.addAll(page);
            after = page.get(page.size() - 1).recordId();
        }

        assertEquals(List.of(List.of(1990L, 1991L, 1992L, 1993L, 1994L, 1995L, 1996L),
                List.of(1997L, 1998L, 1999L, 2000L, 2001L, 2002L, 2003L),
                List.of(2004L, 2005L, 2006L, 2007L, 2008L, 2009L, 2500L), List.of(5_000_000_123L)), pages);
        assertEquals(changed(1995, 2), all.get(5), "changed by two chunks: the values before the first");
        assertEquals(changed(2005, 2), all.get(15));
        assertEquals(created(2500, 1002), all.get(20));
        assertTrue(journal.holdsMoreThan(job, 21));
        assertFalse(journal.holdsMoreThan(job, 22));
    }

    /** Journals written before V15 keep a row per changed record in import_journal; undo reads them with the new. */
    @ParameterizedTest
    @EnumSource(Dialect.class)
    void changedRecordsJournalledBeforeV15StillReadBack(Dialect dialect) throws SQLException {
        Connection connection = open(dialect);
        String job = UUID.randomUUID().toString();
        String sql = "insert into import_journal (job_id, record_id, line, created, previous_values)"
                + " values (?, ?, 2, false, ?)";
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            for (long id : new long[] {21, 23}) {
                insert.setString(1, job);
                insert.setLong(2, id);
                insert.setString(3, "{\"city\":\"Line 2\"}");
                insert.executeUpdate();
            }
        }
        ImportJournal journal = new ImportJournal(connection);
        journal.add(job, List.of(changed(22, 1001), changed(23, 1001)));

        assertEquals(List.of(changed(21, 2), changed(22, 1001)), journal.recordsAfter(job, 0, 2));
        assertEquals(List.of(changed(23, 2)), journal.recordsAfter(job, 22, 2));
    }

    private static JournalEntry created(long id, int line) {
        return new JournalEntry(id, line, true, Map.of());
    }

    private static JournalEntry changed(long id, int line) {
        return new JournalEntry(id, line, false, Map.of("city", "Line " + line));
    }

    /** V16: match keys compare as bytes, not by the language rules of the database's collation. */
    @ParameterizedTest
    @EnumSource(value = Dialect.class, names = "POSTGRESQL")
    void matchKeysCompareAsBytes(Dialect dialect) throws SQLException {
        String sql = "select table_name, column_name, collation_name from information_schema.columns"
                + " where column_name in ('match_key', 'key_value') order by table_name";
        try (PreparedStatement query = open(dialect).prepareStatement(sql); ResultSet rows = query.executeQuery()) {
            List<String> columns = new ArrayList<>();
            while (rows.next()) {
                columns.add(rows.getString(1) + "." + rows.getString(2) + " " + rows.getString(3));
            }
            assertEquals(List.of("crm_record.match_key C", "crm_record_key.key_value C"), columns);
        }
    }

    /**
     * V17: the unique index of held keys leads with the key, so that a lookup or an insert compares keys first; it
     * is the only index on the column, and still unique per app.
     */
    @ParameterizedTest
    @EnumSource(value = Dialect.class, names = "POSTGRESQL")
    void theHeldKeysIndexLeadsWithTheKey(Dialect dialect) throws SQLException {
        String sql = "select indexdef from pg_indexes where tablename = 'crm_record' and indexdef like '%match_key%'";
        try (PreparedStatement query = open(dialect).prepareStatement(sql); ResultSet rows = query.executeQuery()) {
            List<String> definitions = new ArrayList<>();
            while (rows.next()) {
                definitions.add(rows.getString(1));
            }
            assertEquals(List.of("CREATE UNIQUE INDEX crm_record_by_key ON public.crm_record USING btree"
                    + " (match_key, entity)"), definitions);
        }
    }

    /** V12: updates of records find room on their page (HOT updates), the biggest saving of a large import. */
    @ParameterizedTest
    @EnumSource(value = Dialect.class, names = "POSTGRESQL")
    void recordPagesKeepHalfTheirRoomForUpdates(Dialect dialect) throws SQLException {
        String sql = "select reloptions from pg_class where oid = 'crm_record'::regclass";
        try (PreparedStatement query = open(dialect).prepareStatement(sql); ResultSet rows = query.executeQuery()) {
            rows.next();
            assertEquals(List.of("fillfactor=50"), List.of((String[]) rows.getArray(1).getArray()));
        }
    }

    /** Statistics are refreshed only when an import added more records than they say the table holds. */
    @ParameterizedTest
    @EnumSource(value = Dialect.class, names = "POSTGRESQL")
    void statisticsAreRefreshedOnlyWhenTheImportOutgrewThem(Dialect dialect) throws SQLException {
        RecordStore store = new RecordStore(open(dialect));
        String entity = uniqueEntity();
        for (int i = 0; i < 3; i++) {
            storedRecord(store, entity);
        }
        assertTrue(store.refreshStatistics(Long.MAX_VALUE), "more added than any table holds");
        long counted = plannedRecordCount();
        assertTrue(counted >= 3, "the fresh figures count this test's records: " + counted);

        assertFalse(store.refreshStatistics(counted), "as many added as the figures count");
        assertTrue(store.refreshStatistics(counted + 1), "one more");
    }

    /**
     * A plan reads its keys rule by rule: another import committing a record between two of those reads must not
     * make the record half visible, which made rows fail as ambiguous under read committed.
     */
    @ParameterizedTest
    @EnumSource(value = Dialect.class, names = "POSTGRESQL")
    void aPlanReadsAllItsKeysFromOneSnapshot(Dialect dialect) throws SQLException {
        RecordStore planning = new RecordStore(open(dialect));
        planning.readFromOneSnapshot();
        String entity = uniqueEntity();
        RecordKey email = new RecordKey(1, "ann@example.com");
        RecordKey name = new RecordKey(2, "ann\u001flee");
        assertEquals(Map.of(), planning.findByKeys(entity, List.of(email)));

        try (Connection other = postgresql()) {
            RecordStore otherImport = new RecordStore(other);
            long ann = storedRecord(otherImport, entity);
            otherImport.addKeys(entity, Map.of(email, ann, name, ann));
            other.commit();
            try {
                assertEquals(Map.of(), planning.findByKeys(entity, List.of(name)), "committed after the snapshot");
                assertEquals(Map.of(name, ann), otherImport.findByKeys(entity, List.of(name)), "committed");
            } finally {
                otherImport.delete(List.of(ann));
                other.commit();
            }
        }
    }

    private Connection open(Dialect dialect) throws SQLException {
        if (dialect == Dialect.H2) {
            h2 = TestDatabase.migrated();
            connection = h2.transaction();
        } else {
            connection = postgresql();
        }
        assertEquals(dialect, Dialect.of(connection), "the dialect the connection is taken for");
        return connection;
    }

    private static Connection postgresql() throws SQLException {
        String url = System.getenv("INTAKE_TEST_DB_URL");
        Assumptions.assumeTrue(url != null && !url.isBlank(), "INTAKE_TEST_DB_URL names no PostgreSQL database");
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(url);
        dataSource.setUser(System.getenv("INTAKE_TEST_DB_USER"));
        dataSource.setPassword(System.getenv("INTAKE_TEST_DB_PASSWORD"));
        new SchemaMigrations(dataSource).migrate();

        Connection connection = dataSource.getConnection();
        connection.setAutoCommit(false);
        return connection;
    }

    private static long storedRecord(RecordStore store, String entity) throws SQLException {
        long id = store.newId();
        store.insert(List.of(new StoredRecord(id, entity, CREATED, CREATED, Map.of())), "job-1", Map.of());
        return id;
    }

    private long plannedRecordCount() throws SQLException {
        String sql = "select reltuples from pg_class where oid = 'crm_record'::regclass";
        try (PreparedStatement query = connection.prepareStatement(sql); ResultSet rows = query.executeQuery()) {
            rows.next();
            return (long) rows.getDouble(1);
        }
    }

    /** The records listed by each of the job's rows of changed records, a list per row, in block and line order. */
    private List<List<Long>> changedRecordRows(String job) throws SQLException {
        String sql = "select records from import_journal_changed where job_id = ? order by id_block, line";
        return column(sql, job, rows -> ChangedRecords.decode(rows.getString(1)).stream()
                .map(JournalEntry::recordId).toList());
    }

    private List<String> createdRecordRows(String job) throws SQLException {
        String sql = "select records from import_journal_created where job_id = ? order by first_record";
        return column(sql, job, rows -> rows.getString(1));
    }

    private <T> List<T> column(String sql, String job, ColumnReader<T> reader) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, job);
            try (ResultSet rows = query.executeQuery()) {
                List<T> values = new ArrayList<>();
                while (rows.next()) {
                    values.add(reader.read(rows));
                }
                return values;
            }
        }
    }

    /** Reads the value of one result row. */
    private interface ColumnReader<T> {
        T read(ResultSet row) throws SQLException;
    }

    /** An app of its own, so that a shared PostgreSQL database holds no key or record of this test already. */
    private static String uniqueEntity() {
        return "writes_" + UUID.randomUUID().toString().replace("-", "");
    }
}
