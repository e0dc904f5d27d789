package dev.intake.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Completion callbacks against the real server: a receiver the test starts on loopback gets the finished job,
 * signed with the callback secret createToken gave out; a failing receiver gets retries, each visible through the
 * API; hosts that are not allowed are refused before anything is stored.
 */
class CallbackIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String CALLBACK_QUERY = "query($id: ID!) { importJob(importId: $id) { callback { url state"
            + " nextAttemptAt deliveredAt attempts { attempt at statusCode error nextAttemptAt } }"
            + " callbackAttempts { attempt statusCode } } }";

    private static IntakeServer server;
    private static IntakeClient admin;

    @BeforeAll
    static void server() throws Exception {
        server = IntakeServer.shared();
        admin = server.client();
    }

    @Test
    void postsTheFinishedJobSignedWithTheCallbackSecretOfTheToken(@TempDir Path dir) throws Exception {
        JsonObject token = newToken("callback receiver");
        IntakeClient api = server.client(token.getString("token"));
        String entity = contacts();
        Path file = csv(dir, "email,first_name\nana@example.com,Ana\nnot-an-email,Bob\nben@example.com,Ben\n");

        try (CallbackReceiver receiver = CallbackReceiver.answering(204)) {
            String importId = api.startImport(entity, file, Json.createObjectBuilder()
                    .add("callbackUrl", receiver.url("/intake/done?source=it").toString()).build());
            CallbackReceiver.Received callback = receiver.next(PATIENCE);

            assertEquals("POST", callback.header(":method"));
            assertEquals("/intake/done?source=it", callback.header(":path"));
            assertEquals("application/json", callback.header("Content-Type"));
            assertEquals(importId, callback.header("X-Intake-Import-Id"));
            assertTrue(CallbackReceiver.signatureMatches(callback, token.getString("callbackSecret")),
                    callback.headers().toString());
            assertFalse(CallbackReceiver.signatureMatches(callback, "itcs_some-other-secret"));
            long sentAt = Long.parseLong(callback.header("X-Intake-Timestamp"));
            assertTrue(Math.abs(Instant.now().getEpochSecond() - sentAt) < 120, "timestamp " + sentAt);

            JsonObject body = Json.createReader(new ByteArrayInputStream(callback.body())).readObject();
            JsonObject job = api.job(importId);
            assertEquals(importId, body.getString("importId"));
            assertEquals(entity, body.getString("entity"));
            assertEquals("COMPLETED", body.getString("status"));
            assertEquals(3, body.getInt("processed"));
            assertEquals(2, body.getInt("added"));
            assertEquals(0, body.getInt("updated"));
            assertEquals(1, body.getInt("failed"));
            assertEquals("admin", body.getString("createdBy"));
            assertEquals("UTF-8", body.getString("encoding"));
            assertEquals(Instant.parse(job.getString("finishedAt")), Instant.parse(body.getString("finishedAt")));
            assertEquals(Instant.parse(job.getString("expiresAt")), Instant.parse(body.getString("expiresAt")));

            JsonObject delivery = awaitCallbackState(api, importId, "DELIVERED");
            JsonArray attempts = delivery.getJsonArray("attempts");
            assertEquals(1, attempts.size());
            assertEquals(204, attempts.getJsonObject(0).getInt("statusCode"));
            assertTrue(attempts.getJsonObject(0).isNull("error"));
            assertTrue(attempts.getJsonObject(0).isNull("nextAttemptAt"));
            assertEquals(receiver.url("/intake/done?source=it").toString(), delivery.getString("url"));
            assertNotNull(delivery.getString("deliveredAt"));
            assertEquals(1, receiver.all().size());
        }
    }

    @Test
    void triesAgainAfterAServerErrorAndShowsEveryAttempt(@TempDir Path dir) throws Exception {
        JsonObject token = newToken("flaky receiver");
        IntakeClient api = server.client(token.getString("token"));
        String entity = contacts();
        Path file = csv(dir, "email,first_name\nana@example.com,Ana\n");

        try (CallbackReceiver receiver = CallbackReceiver.answering(500, 200)) {
            String importId = api.startImport(entity, file, Json.createObjectBuilder()
                    .add("callbackUrl", receiver.url("/hook").toString()).build());
            CallbackReceiver.Received first = receiver.next(PATIENCE);
            CallbackReceiver.Received second = receiver.next(PATIENCE);

            assertArrayEquals(first.body(), second.body(), "every attempt sends the same body");
            assertTrue(CallbackReceiver.signatureMatches(first, token.getString("callbackSecret")));
            assertTrue(CallbackReceiver.signatureMatches(second, token.getString("callbackSecret")));
            assertFalse(second.at().isBefore(first.at().plusMillis(900)), "the retry waits the first step");

            JsonObject delivery = awaitCallbackState(api, importId, "DELIVERED");
            JsonArray attempts = delivery.getJsonArray("attempts");
            assertEquals(2, attempts.size(), attempts.toString());
            JsonObject failed = attempts.getJsonObject(0);
            assertEquals(1, failed.getInt("attempt"));
            assertEquals(500, failed.getInt("statusCode"));
            assertTrue(failed.getString("error").contains("HTTP 500"), failed.toString());
            assertEquals(Instant.parse(failed.getString("at")).plusSeconds(1),
                    Instant.parse(failed.getString("nextAttemptAt")));
            JsonObject delivered = attempts.getJsonObject(1);
            assertEquals(2, delivered.getInt("attempt"));
            assertEquals(200, delivered.getInt("statusCode"));
            assertTrue(delivered.isNull("error"));
            assertTrue(delivery.isNull("nextAttemptAt"));
            assertEquals(2, callback(api, importId).getJsonArray("callbackAttempts").size());
        }
    }

    @Test
    void aDryRunsCallbackSaysItIsADryRun(@TempDir Path dir) throws Exception {
        IntakeClient api = server.client(newToken("dry run callbacks").getString("token"));
        String entity = contacts();
        Path file = csv(dir, "email,first_name\nana@example.com,Ana\n");

        try (CallbackReceiver receiver = CallbackReceiver.answering(204)) {
            String importId = api.startImport(entity, file, Json.createObjectBuilder().add("dryRun", true)
                    .add("callbackUrl", receiver.url("/intake/done").toString()).build());
            JsonObject body = Json.createReader(new ByteArrayInputStream(receiver.next(PATIENCE).body())).readObject();

            assertEquals(importId, body.getString("importId"));
            assertTrue(body.getBoolean("dryRun"), body.toString());
            assertEquals("IMPORT", body.getString("kind"));
            assertEquals(1, body.getInt("added"));
            assertEquals(0, body.getInt("unchanged"));
            assertTrue(body.isNull("undoOf"));
            assertEquals(0, body.getInt("restored") + body.getInt("deleted") + body.getInt("conflicts"));
            assertEquals(0, api.records(entity).size());
        }
    }

    @Test
    void refusesACallbackToAHostThatIsNotAllowedAndStoresNothing(@TempDir Path dir) throws Exception {
        IntakeClient api = server.client(newToken("refused callbacks").getString("token"));
        String entity = contacts();
        Path file = csv(dir, "email,first_name\nana@example.com,Ana\n");

        JsonObject refused = IntakeClient.json(api.upload(entity, null, file, Json.createObjectBuilder()
                .add("callbackUrl", "https://callbacks.example.org/intake").build()));
        JsonObject malformed = IntakeClient.json(api.upload(entity, null, file, Json.createObjectBuilder()
                .add("callbackUrl", "ftp://127.0.0.1/intake").build()));

        assertEquals("CALLBACK_NOT_ALLOWED", IntakeClient.errorCode(refused));
        String message = refused.getJsonArray("errors").getJsonObject(0).getString("message");
        assertTrue(message.contains("'callbacks.example.org'") && message.contains("setCallbackHosts")
                && message.contains("INTAKE_CALLBACK_HOSTS"), message);
        assertEquals("INVALID_OPTION", IntakeClient.errorCode(malformed));
        assertEquals(0, admin.data("query($e: String!) { importJobs(entity: $e) { total } }",
                Json.createObjectBuilder().add("e", entity).build()).getJsonObject("importJobs").getInt("total"));
        assertEquals(0, api.records(entity).size());
    }

    @Test
    void refusesACallbackFromATokenWithoutCallbackSecret(@TempDir Path dir) throws Exception {
        String entity = contacts();
        Path file = csv(dir, "email,first_name\nana@example.com,Ana\n");

        JsonObject refused = IntakeClient.json(admin.upload(entity, null, file, Json.createObjectBuilder()
                .add("callbackUrl", "http://127.0.0.1:9/hook").build()));

        assertEquals("INVALID_OPTION", IntakeClient.errorCode(refused));
        assertTrue(refused.toString().contains("no callback secret"), refused.toString());
    }

    @Test
    void administratorsListAndReplaceTheAllowedHosts() throws Exception {
        String user = AppFixtures.uniqueEntity("hostsviewer");
        admin.data("mutation($i: UserInput!) { saveUser(input: $i) { username } }", Json.createObjectBuilder()
                .add("i", Json.createObjectBuilder().add("username", user).add("password", "a-long-password")
                        .add("roles", Json.createArrayBuilder().add("importer"))).build());
        IntakeClient importer = server.client(admin.data("mutation($u: String) { createToken(name: \"t\", user: $u)"
                + " { token } }", Json.createObjectBuilder().add("u", user).build())
                .getJsonObject("createToken").getString("token"));
        JsonArray seeded = admin.data("{ callbackHosts }", null).getJsonArray("callbackHosts");
        assertTrue(seeded.getValuesAs(jakarta.json.JsonString.class).stream()
                .anyMatch(host -> host.getString().equals("127.0.0.1")), seeded.toString());

        try {
            JsonArray replaced = setHosts(admin, "[\"127.0.0.1\", \"*.Hooks.Example.org\", \"127.0.0.1\"]")
                    .getJsonObject("data").getJsonArray("setCallbackHosts");
            assertEquals(Json.createArrayBuilder().add("127.0.0.1").add("*.hooks.example.org").build(), replaced);
            assertEquals(replaced, admin.data("{ callbackHosts }", null).getJsonArray("callbackHosts"));
            assertEquals("INVALID_INPUT", IntakeClient.errorCode(setHosts(admin, "[\"https://erp.example.com\"]")));
            assertEquals("FORBIDDEN", IntakeClient.errorCode(setHosts(importer, "[\"evil.example.net\"]")));
            assertEquals("FORBIDDEN", IntakeClient.errorCode(IntakeClient.json(importer.post("{ callbackHosts }",
                    null))));
        } finally {
            setHosts(admin, seeded.toString());
        }
        JsonArray audit = admin.data("{ auditEvents(first: 20) { action subject } }", null)
                .getJsonArray("auditEvents");
        assertTrue(audit.toString().contains("\"subject\":\"callback_hosts\""), audit.toString());
    }

    private static JsonObject setHosts(IntakeClient client, String hostsJson) throws Exception {
        return IntakeClient.json(client.post("mutation($h: [String!]!) { setCallbackHosts(hosts: $h) }",
                Json.createObjectBuilder().add("h", Json.createReader(new java.io.StringReader(hostsJson))
                        .readArray()).build()));
    }

    private static JsonObject newToken(String name) throws Exception {
        JsonObject token = admin.data("mutation($n: String!) { createToken(name: $n) { id token callbackSecret } }",
                Json.createObjectBuilder().add("n", name).build()).getJsonObject("createToken");
        assertTrue(token.getString("callbackSecret").startsWith("itcs_"), token.toString());
        return token;
    }

    private static String contacts() throws Exception {
        String entity = AppFixtures.uniqueEntity("callback");
        admin.defineApp(ApiImportIT.contactApp(entity));
        return entity;
    }

    private static Path csv(Path dir, String content) throws Exception {
        Path file = dir.resolve("contacts.csv");
        Files.writeString(file, content);
        return file;
    }

    private static JsonObject callback(IntakeClient api, String importId) throws Exception {
        return api.data(CALLBACK_QUERY, Json.createObjectBuilder().add("id", importId).build())
                .getJsonObject("importJob");
    }

    private static JsonObject awaitCallbackState(IntakeClient api, String importId, String state) throws Exception {
        Instant deadline = Instant.now().plus(PATIENCE);
        JsonObject job = callback(api, importId);
        while (Instant.now().isBefore(deadline)) {
            job = callback(api, importId);
            if (!job.isNull("callback") && state.equals(job.getJsonObject("callback").getString("state"))) {
                return job.getJsonObject("callback");
            }
            Thread.sleep(200);
        }
        throw new AssertionError("The callback of " + importId + " did not reach " + state + ": " + job);
    }
}
