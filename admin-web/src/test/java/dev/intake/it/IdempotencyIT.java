package dev.intake.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Safe resubmission against the real server: a request sent again with its idempotency key answers the job already
 * started and imports nothing twice, also when the copies arrive at the same moment; keys belong to their user.
 */
class IdempotencyIT {

    private static IntakeServer server;
    private static IntakeClient admin;

    @BeforeAll
    static void server() throws Exception {
        server = IntakeServer.shared();
        admin = server.client();
    }

    @Test
    void theSameKeyTwiceAnswersTheSameJobAndImportsTheRecordsOnce(@TempDir Path dir) throws Exception {
        String entity = contacts();
        Path file = csv(dir, "email,first_name\nana@example.com,Ana\nben@example.com,Ben\n");
        JsonObject options = key(UUID.randomUUID().toString());

        String first = admin.startImport(entity, file, options);
        admin.awaitEnd(first);
        String second = admin.startImport(entity, file, options);

        assertEquals(first, second);
        JsonObject job = admin.awaitEnd(second);
        assertEquals(2, job.getInt("added"));
        assertEquals(0, job.getInt("updated"));
        assertEquals(2, admin.records(entity).size());
        assertEquals(1, historySize(entity));
        assertFalse(Files.exists(server.dataDirectory().resolve("uploads").resolve(first + ".csv")));
        assertEquals(List.of(), incomingUploads(), "the second upload is not left on disk");
    }

    @Test
    void differentUsersMayUseTheSameKeyIndependently(@TempDir Path dir) throws Exception {
        String entity = contacts();
        Path file = csv(dir, "email,first_name\nana@example.com,Ana\n");
        IntakeClient other = server.client(importerToken());
        JsonObject options = key("nightly-" + UUID.randomUUID());

        String byAdmin = admin.startImport(entity, file, options);
        String byOther = other.startImport(entity, file, options);

        assertNotEquals(byAdmin, byOther);
        assertEquals("admin", admin.awaitEnd(byAdmin).getString("createdBy"));
        assertNotEquals("admin", other.awaitEnd(byOther).getString("createdBy"));
        assertEquals(2, historySize(entity));
    }

    @Test
    void parallelRequestsWithOneKeyMakeOneJob(@TempDir Path dir) throws Exception {
        String entity = contacts();
        Path file = csv(dir, "email,first_name\nana@example.com,Ana\nben@example.com,Ben\ncid@example.com,Cid\n");
        JsonObject options = key(UUID.randomUUID().toString());
        List<String> storedBefore = storedUploads();
        int requests = 6;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(requests);
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                Callable<String> upload = () -> {
                    start.await();
                    return admin.startImport(entity, file, options);
                };
                answers.add(pool.submit(upload));
            }
            start.countDown();
            Set<String> jobs = new java.util.HashSet<>();
            for (Future<String> answer : answers) {
                jobs.add(answer.get());
            }

            assertEquals(1, jobs.size(), jobs.toString());
            JsonObject job = admin.awaitEnd(jobs.iterator().next());
            assertEquals(3, job.getInt("added"));
            assertEquals(3, admin.records(entity).size());
            assertEquals(1, historySize(entity));
            assertEquals(List.of(), incomingUploads());
            assertTrue(storedBefore.containsAll(storedUploads()), "the losers' uploads are not left on disk");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void refusesAKeyReusedForAnotherAppAndAKeyThatIsTooLong(@TempDir Path dir) throws Exception {
        String contacts = contacts();
        String others = contacts();
        Path file = csv(dir, "email,first_name\nana@example.com,Ana\n");
        String key = UUID.randomUUID().toString();
        String first = admin.startImport(contacts, file, key(key));

        JsonObject reused = IntakeClient.json(admin.upload(others, null, file, key(key)));
        JsonObject tooLong = IntakeClient.json(admin.upload(contacts, null, file, key("k".repeat(201))));

        assertEquals("IDEMPOTENCY_KEY_REUSED", IntakeClient.errorCode(reused));
        String message = reused.getJsonArray("errors").getJsonObject(0).getString("message");
        assertTrue(message.contains(first) && message.contains("'" + contacts + "'"), message);
        assertEquals("INVALID_OPTION", IntakeClient.errorCode(tooLong));
        assertTrue(tooLong.toString().contains("200 characters"), tooLong.toString());
        assertEquals(0, historySize(others));
        admin.awaitEnd(first);
        assertEquals(List.of(), incomingUploads());
    }

    @Test
    void refusesAKeyOfADryRunReusedForTheRealImport(@TempDir Path dir) throws Exception {
        String entity = contacts();
        Path file = csv(dir, "email,first_name\nana@example.com,Ana\n");
        String key = UUID.randomUUID().toString();
        String dryRun = admin.startImport(entity, file, Json.createObjectBuilder(key(key)).add("dryRun", true)
                .build());
        admin.awaitEnd(dryRun);

        JsonObject real = IntakeClient.json(admin.upload(entity, null, file, key(key)));

        assertEquals("IDEMPOTENCY_KEY_REUSED", IntakeClient.errorCode(real));
        String message = real.getJsonArray("errors").getJsonObject(0).getString("message");
        assertTrue(message.contains(dryRun) && message.contains("was a dry run"), message);
        assertEquals(1, historySize(entity));
        assertEquals(0, admin.records(entity).size());
        assertEquals(List.of(), incomingUploads());
    }

    private static JsonObject key(String key) {
        return Json.createObjectBuilder().add("idempotencyKey", key).build();
    }

    private static String importerToken() throws Exception {
        String user = AppFixtures.uniqueEntity("resubmitter");
        admin.data("mutation($i: UserInput!) { saveUser(input: $i) { username } }", Json.createObjectBuilder()
                .add("i", Json.createObjectBuilder().add("username", user).add("password", "a-long-password")
                        .add("roles", Json.createArrayBuilder().add("importer"))).build());
        return admin.data("mutation($u: String) { createToken(name: \"resubmit\", user: $u) { token } }",
                Json.createObjectBuilder().add("u", user).build()).getJsonObject("createToken").getString("token");
    }

    private static String contacts() throws Exception {
        String entity = AppFixtures.uniqueEntity("resubmit");
        admin.defineApp(ApiImportIT.contactApp(entity));
        return entity;
    }

    private static Path csv(Path dir, String content) throws Exception {
        Path file = dir.resolve(UUID.randomUUID() + ".csv");
        Files.writeString(file, content);
        return file;
    }

    private static int historySize(String entity) throws Exception {
        return admin.data("query($e: String!) { importJobs(entity: $e) { total } }",
                Json.createObjectBuilder().add("e", entity).build()).getJsonObject("importJobs").getInt("total");
    }

    /** Uploads still waiting in the server's spool directory. */
    private static List<String> incomingUploads() throws Exception {
        Path incoming = server.dataDirectory().resolve("uploads").resolve("incoming");
        if (!Files.isDirectory(incoming)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(incoming)) {
            return files.map(path -> path.getFileName().toString()).collect(Collectors.toList());
        }
    }

    private static List<String> storedUploads() throws Exception {
        Path uploads = server.dataDirectory().resolve("uploads");
        if (!Files.isDirectory(uploads)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(uploads)) {
            return files.filter(Files::isRegularFile).map(path -> path.getFileName().toString()).toList();
        }
    }
}
