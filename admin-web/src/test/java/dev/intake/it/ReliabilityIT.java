package dev.intake.it;

import static dev.intake.it.ApiImportIT.assertCounts;
import static dev.intake.it.ApiImportIT.contactApp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Never losing work: a server killed in the middle of an import resumes it from its checkpoint; cancelling keeps
 * what was committed; a hopeless file stops at maxErrors; concurrent imports over the same keys create no twins;
 * an upload over the limit is refused with 413. One server of its own, with small chunks and an 8 MB upload limit.
 */
class ReliabilityIT {

    private static IntakeServer server;
    private static IntakeClient api;

    @BeforeAll
    static void start() throws Exception {
        server = IntakeServer.start(Map.of("INTAKE_CHUNK_SIZE", "500", "INTAKE_MAX_UPLOAD_MB", "8"));
        api = server.client();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void resumesAnImportAfterTheServerIsKilledAndEndsWithTheSameCounts(@TempDir Path dir) throws Exception {
        String entity = AppFixtures.uniqueEntity("crash");
        api.defineApp(contactApp(entity));
        Path file = GeneratedFiles.contacts(dir.resolve("crash.csv"), 0, 100_000, 1000);

        String importId = api.startImport(entity, file, null);
        JsonObject before = awaitProgress(importId, 2_000);
        server.kill();
        server.launch();
        api = server.client();
        JsonObject job = api.awaitEnd(importId);

        assertEquals("COMPLETED", job.getString("status"), job.toString());
        assertTrue(before.getInt("processed") < 100_000, "the kill came in the middle: " + before);
        assertCounts(job, 100_000, 99_900, 0, 100);
        assertEquals(99_900, recordCount(entity));
        assertEquals(100, job.getJsonArray("errors").size());
        assertEquals(1001, job.getJsonArray("errors").getJsonObject(0).getInt("line"));
        assertUploadsRemoved();
    }

    @Test
    void cancelStopsAtTheNextChunkAndKeepsWhatWasCommitted(@TempDir Path dir) throws Exception {
        String entity = AppFixtures.uniqueEntity("cancel");
        api.defineApp(contactApp(entity));
        Path file = GeneratedFiles.contacts(dir.resolve("cancel.csv"), 0, 60_000, 0);

        String importId = api.startImport(entity, file, null);
        awaitProgress(importId, 1_000);
        JsonObject answer = api.data("mutation($id: ID!) { cancelImport(importId: $id) { importId } }",
                Json.createObjectBuilder().add("id", importId).build());
        JsonObject job = api.awaitEnd(importId);

        assertEquals(importId, answer.getJsonObject("cancelImport").getString("importId"));
        assertEquals("CANCELLED", job.getString("status"));
        assertTrue(job.getInt("processed") < 60_000, job.toString());
        assertEquals(job.getInt("added"), recordCount(entity), "committed rows stay");
        assertTrue(job.getString("message").contains("stay imported"), job.getString("message"));
        assertUploadsRemoved();
    }

    /**
     * A job ended elsewhere while its import runs (here marked FAILED in the database, as a node that took it over
     * and ended it would) keeps nothing of the chunk its import was writing then: that chunk's transaction sees the
     * job's row once its statements have run and is rolled back, and the import stops. Its records are exactly
     * those its counters count. PostgreSQL only: the embedded H2 file belongs to the server.
     */
    @Test
    void aJobEndedElsewhereKeepsNothingOfTheChunkBeingWritten(@TempDir Path dir) throws Exception {
        String url = System.getenv("INTAKE_TEST_DB_URL");
        Assumptions.assumeTrue(url != null && !url.isBlank(), "the database is only writable from outside on"
                + " PostgreSQL");
        String entity = AppFixtures.uniqueEntity("ended");
        api.defineApp(contactApp(entity));
        Path file = GeneratedFiles.contacts(dir.resolve("ended.csv"), 0, 60_000, 0);

        String importId = api.startImport(entity, file, null);
        awaitProgress(importId, 1_000);
        int processedWhenEnded;
        try (Connection db = DriverManager.getConnection(url, System.getenv("INTAKE_TEST_DB_USER"),
                System.getenv("INTAKE_TEST_DB_PASSWORD"));
                PreparedStatement end = db.prepareStatement("update import_job set status = 'FAILED',"
                        + " message = 'Ended elsewhere' where id = ? returning processed")) {
            end.setString(1, importId);
            try (ResultSet ended = end.executeQuery()) {
                assertTrue(ended.next());
                processedWhenEnded = ended.getInt(1);
            }
        }
        JsonObject job = awaitSettled(importId);

        assertEquals("FAILED", job.getString("status"), job.toString());
        assertEquals("Ended elsewhere", job.getString("message"));
        assertTrue(processedWhenEnded < 60_000, "ended in the middle: " + processedWhenEnded);
        assertEquals(processedWhenEnded, job.getInt("processed"), "no chunk counted after the job ended");
        assertEquals(job.getInt("added"), recordCount(entity), "no record of a chunk that was not counted");
    }

    /** The job once its counters have stopped moving for two seconds. */
    private static JsonObject awaitSettled(String importId) throws Exception {
        JsonObject last = api.job(importId);
        for (Instant deadline = Instant.now().plus(Duration.ofMinutes(2)); Instant.now().isBefore(deadline); ) {
            Thread.sleep(2_000);
            JsonObject now = api.job(importId);
            if (now.getInt("processed") == last.getInt("processed")) {
                return now;
            }
            last = now;
        }
        throw new AssertionError("Import " + importId + " kept going: " + last);
    }

    @Test
    void stopsAHopelessFileAtMaxErrors(@TempDir Path dir) throws Exception {
        String entity = AppFixtures.uniqueEntity("hopeless");
        api.defineApp(contactApp(entity));
        Path file = GeneratedFiles.contacts(dir.resolve("hopeless.csv"), 0, 5_000, 1);

        JsonObject job = api.importAndWait(entity, file, Json.createObjectBuilder().add("maxErrors", 50).build());

        assertEquals("FAILED", job.getString("status"));
        assertEquals(50, job.getInt("failed"), "stops at the row that reached the limit");
        assertEquals(50, job.getInt("processed"));
        assertTrue(job.getString("message").contains("maxErrors is 50"), job.getString("message"));
        assertEquals(0, recordCount(entity));
    }

    /**
     * Failures found while matching (here a required value missing on a new record) count towards maxErrors like
     * conversion errors: the import stops at the row that reaches the limit and applies none of the rows after it,
     * although they belong to the same chunk. A dry run of the file says the same.
     */
    @Test
    void stopsAtTheRowWhoseMatchingFailureReachesMaxErrors(@TempDir Path dir) throws Exception {
        String entity = AppFixtures.uniqueEntity("limit");

        List<JsonObject> runs = dryRunThenImportWithMaxErrorsOne(entity, dir, "ana@example.com,Ana,Lima\n"
                + "bea@example.com,Bea,\ncai@example.com,Cai,\ndina@example.com,Dina,Dias\n"
                + "eva@example.com,Eva,Esteves\n");

        for (JsonObject run : runs) {
            assertEquals("FAILED", run.getString("status"), run.toString());
            assertCounts(run, 2, 1, 0, 1);
            assertTrue(run.getString("message").contains("Stopped after 1 failed row (maxErrors is 1)"),
                    run.getString("message"));
        }
        assertEquals(List.of("ana@example.com"), api.records(entity).stream().map(row -> row.get("email")).toList());
    }

    /** One failure in the middle of a chunk uses up maxErrors 1 as well: the rows after it are not applied. */
    @Test
    void stopsAtASingleMatchingFailureThatUsesUpMaxErrors(@TempDir Path dir) throws Exception {
        String entity = AppFixtures.uniqueEntity("limit_one");

        List<JsonObject> runs = dryRunThenImportWithMaxErrorsOne(entity, dir,
                "ana@example.com,Ana,Lima\nbea@example.com,Bea,\ncai@example.com,Cai,Costa\n");
        JsonObject dryRun = runs.get(0);
        JsonObject job = runs.get(1);

        for (JsonObject run : runs) {
            assertEquals("FAILED", run.getString("status"), run.toString());
            assertCounts(run, 2, 1, 0, 1);
        }
        assertTrue(dryRun.getString("message").endsWith("A dry run writes no records: correct the file and run it"
                + " again."), dryRun.getString("message"));
        assertTrue(job.getString("message").endsWith("the rows committed so far stay imported."),
                job.getString("message"));
        assertEquals(List.of("ana@example.com"), api.records(entity).stream().map(row -> row.get("email")).toList());
    }

    @Test
    void concurrentImportsOverTheSameKeysCreateNoDuplicates(@TempDir Path dir) throws Exception {
        String entity = AppFixtures.uniqueEntity("race");
        api.defineApp(contactApp(entity));
        Path first = GeneratedFiles.contacts(dir.resolve("a.csv"), 0, 6_000, 0);
        Path second = GeneratedFiles.contacts(dir.resolve("b.csv"), 0, 6_000, 0);

        List<String> ids = Stream.of(first, second)
                .map(file -> CompletableFuture.supplyAsync(() -> start(entity, file))).toList().stream()
                .map(CompletableFuture::join).toList();
        JsonObject a = api.awaitEnd(ids.get(0));
        JsonObject b = api.awaitEnd(ids.get(1));

        assertEquals("COMPLETED", a.getString("status"), a.toString());
        assertEquals("COMPLETED", b.getString("status"), b.toString());
        assertEquals(6_000, recordCount(entity));
        assertEquals(6_000, a.getInt("added") + b.getInt("added"));
        assertEquals(6_000, a.getInt("updated") + b.getInt("updated"));
        assertEquals(0, a.getInt("failed") + b.getInt("failed"));
    }

    /** Two imports that change different fields of the same records at once: every record gets both changes. */
    @Test
    void concurrentImportsChangingTheSameRecordsLoseNoChange(@TempDir Path dir) throws Exception {
        String entity = AppFixtures.uniqueEntity("both");
        api.defineApp(contactApp(entity));
        int records = 3_000;
        api.importAndWait(entity, Files.writeString(dir.resolve("seed.csv"), "email\n" + rows(records, i -> "")),
                null);
        Path firstNames = Files.writeString(dir.resolve("first.csv"), "email,first_name\n"
                + rows(records, i -> ",First " + i));
        Path lastNames = Files.writeString(dir.resolve("last.csv"), "email,last_name\n"
                + rows(records, i -> ",Last " + i));

        List<String> ids = Stream.of(firstNames, lastNames)
                .map(file -> CompletableFuture.supplyAsync(() -> start(entity, file))).toList().stream()
                .map(CompletableFuture::join).toList();
        for (String id : ids) {
            JsonObject job = api.awaitEnd(id);
            assertEquals("COMPLETED", job.getString("status"), job.toString());
            assertEquals(records, job.getInt("updated"), job.toString());
        }

        List<Map<String, String>> stored = api.records(entity);
        assertEquals(records, stored.size());
        List<Map<String, String>> incomplete = stored.stream().filter(record -> record.get("first_name") == null
                || record.get("last_name") == null).toList();
        assertEquals(List.of(), incomplete.stream().limit(3).toList(), incomplete.size() + " records lost a change");
    }

    /** CSV lines {@code c<i>@example.com<rest of line i>} for i from 0. */
    private static String rows(int count, IntFunction<String> rest) {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < count; i++) {
            lines.append('c').append(i).append("@example.com").append(rest.apply(i)).append('\n');
        }
        return lines.toString();
    }

    @Test
    void refusesAnUploadOverTheLimitWith413AndKeepsNothing(@TempDir Path dir) throws Exception {
        String entity = AppFixtures.uniqueEntity("large");
        api.defineApp(contactApp(entity));
        Path file = GeneratedFiles.contacts(dir.resolve("large.csv"), 0, 250_000, 0);
        assertTrue(Files.size(file) > 8 * 1024 * 1024);

        HttpResponse<String> response = api.upload(entity, null, file, null);

        assertEquals(413, response.statusCode());
        assertEquals("UPLOAD_TOO_LARGE", IntakeClient.errorCode(IntakeClient.json(response)));
        assertTrue(response.body().contains("8 MB"), response.body());
        assertEquals(0, api.data("query($e: String!) { importJobs(entity: $e) { total } }",
                Json.createObjectBuilder().add("e", entity).build()).getJsonObject("importJobs").getInt("total"));
        assertUploadsRemoved();
    }

    private static String start(String entity, Path file) {
        try {
            return api.startImport(entity, file, null);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits until the job has committed at least {@code rows} rows, and answers it as it was then. */
    private static JsonObject awaitProgress(String importId, int rows) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (Instant.now().isBefore(deadline)) {
            JsonObject job = api.job(importId);
            if (job.getInt("processed") >= rows) {
                return job;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("Import " + importId + " made no progress");
    }

    /**
     * Defines contacts that need a last name for a new record, then runs the rows (after the header) with maxErrors
     * 1 as a dry run and as an import; answers both ended jobs in that order.
     */
    private static List<JsonObject> dryRunThenImportWithMaxErrorsOne(String entity, Path dir, String rows)
            throws Exception {
        api.defineApp(ApiImportIT.app(entity, "Contacts", "email", ApiImportIT.field("email", "EMAIL", false),
                ApiImportIT.field("first_name", "TEXT", false), ApiImportIT.field("last_name", "TEXT", true)));
        Path file = Files.writeString(dir.resolve(entity + ".csv"), "email,first_name,last_name\n" + rows);
        JsonObject maxErrorsOne = Json.createObjectBuilder().add("maxErrors", 1).build();
        JsonObject dryRun = api.importAndWait(entity, file,
                Json.createObjectBuilder(maxErrorsOne).add("dryRun", true).build());
        return List.of(dryRun, api.importAndWait(entity, file, maxErrorsOne));
    }

    private static int recordCount(String entity) throws Exception {
        return api.data("query($e: String!) { records(entity: $e, first: 1) { total } }",
                Json.createObjectBuilder().add("e", entity).build()).getJsonObject("records").getInt("total");
    }

    private static void assertUploadsRemoved() throws Exception {
        Path uploads = server.dataDirectory().resolve("uploads");
        if (!Files.exists(uploads)) {
            return;
        }
        try (Stream<Path> files = Files.walk(uploads)) {
            List<Path> left = files.filter(Files::isRegularFile).toList();
            assertEquals(List.of(), left, "stored uploads are removed once a job ends");
        }
    }
}
