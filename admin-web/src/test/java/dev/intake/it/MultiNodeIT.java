package dev.intake.it;

import static dev.intake.it.ApiImportIT.assertCounts;
import static dev.intake.it.ApiImportIT.contactApp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two real Payara Micro nodes on one PostgreSQL database, sharing an upload folder: every import runs exactly
 * once, whichever node accepted it, and a node killed in the middle of an import has it finished by the other
 * from the last checkpoint. (The embedded H2 file belongs to one server, so this runs in the PostgreSQL pass.)
 */
class MultiNodeIT {

    private static IntakeServer first;
    private static IntakeServer second;

    @BeforeAll
    static void startTwoNodes(@TempDir Path uploads) throws Exception {
        String database = System.getenv("INTAKE_TEST_DB_URL");
        Assumptions.assumeTrue(database != null && !database.isBlank(), "several nodes need PostgreSQL");
        Map<String, String> shared = Map.of("INTAKE_UPLOADS", uploads.toString(),
                "INTAKE_CLAIM_TIMEOUT_SECONDS", "5", "INTAKE_CHUNK_SIZE", "500");
        first = IntakeServer.start(shared);
        second = IntakeServer.start(shared);
    }

    @AfterAll
    static void stop() {
        if (first != null) {
            first.close();
        }
        if (second != null) {
            second.close();
        }
    }

    @Test
    void runsEachOfTenImportsSentToBothNodesExactlyOnce(@TempDir Path dir) throws Exception {
        String entity = AppFixtures.uniqueEntity("nodes");
        first.client().defineApp(contactApp(entity));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Path file = GeneratedFiles.contacts(dir.resolve("part" + i + ".csv"), i * 3_000, 3_000, 0);
            IntakeServer node = i % 2 == 0 ? first : second;
            ids.add(node.client().startImport(entity, file, null));
        }

        int added = 0;
        for (String id : ids) {
            JsonObject job = first.client().awaitEnd(id);
            assertEquals("COMPLETED", job.getString("status"), job.toString());
            assertCounts(job, 3_000, 3_000, 0, 0);
            added += job.getInt("added");
        }
        assertEquals(30_000, added);
        assertEquals(30_000, recordCount(second.client(), entity));
    }

    @Test
    void finishesOnTheOtherNodeAnImportWhoseNodeWasKilled(@TempDir Path dir) throws Exception {
        String entity = AppFixtures.uniqueEntity("takeover");
        first.client().defineApp(contactApp(entity));
        Path file = GeneratedFiles.contacts(dir.resolve("big.csv"), 0, 150_000, 1_000);

        String id = first.client().startImport(entity, file, null);
        JsonObject before = awaitProgress(second.client(), id, 1_000);
        first.kill();
        JsonObject job = second.client().awaitEnd(id);

        assertTrue(before.getInt("processed") < 150_000, "the kill came in the middle: " + before);
        assertEquals("COMPLETED", job.getString("status"), job.toString());
        assertCounts(job, 150_000, 149_850, 0, 150);
        assertEquals(149_850, recordCount(second.client(), entity));
        first.launch();
    }

    private static JsonObject awaitProgress(IntakeClient client, String importId, int rows) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (Instant.now().isBefore(deadline)) {
            JsonObject job = client.job(importId);
            if (job.getInt("processed") >= rows) {
                return job;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("Import " + importId + " made no progress");
    }

    private static int recordCount(IntakeClient client, String entity) throws Exception {
        return client.data("query($e: String!) { records(entity: $e, first: 1) { total } }",
                Json.createObjectBuilder().add("e", entity).build()).getJsonObject("records").getInt("total");
    }
}
