package dev.intake.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pending callback survives a crash: the server is killed after a failed attempt, and the restarted server sends
 * the next attempt from what the database kept. One server of its own, with a 5-second first retry step so that the
 * kill lands before the retry.
 */
class CallbackRestartIT {

    private static final Duration PATIENCE = Duration.ofSeconds(90);

    private static IntakeServer server;

    @BeforeAll
    static void start() throws Exception {
        server = IntakeServer.start(Map.of("INTAKE_CALLBACK_RETRY_SECONDS", "5"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void theRestartedServerSendsTheRetryOfACallbackThatFailedBeforeTheCrash(@TempDir Path dir) throws Exception {
        IntakeClient admin = server.client();
        String entity = AppFixtures.uniqueEntity("restart");
        admin.defineApp(ApiImportIT.contactApp(entity));
        JsonObject token = admin.data("mutation { createToken(name: \"restart\") { token callbackSecret } }", null)
                .getJsonObject("createToken");
        Path file = dir.resolve("contacts.csv");
        Files.writeString(file, "email,first_name\nana@example.com,Ana\n");

        try (CallbackReceiver receiver = CallbackReceiver.answering(503, 200)) {
            String importId = server.client(token.getString("token")).startImport(entity, file,
                    Json.createObjectBuilder().add("callbackUrl", receiver.url("/done").toString()).build());
            CallbackReceiver.Received beforeCrash = receiver.next(PATIENCE);
            awaitAttempts(importId, 1);
            server.kill();
            server.launch();
            CallbackReceiver.Received afterRestart = receiver.next(PATIENCE);

            assertArrayEquals(beforeCrash.body(), afterRestart.body());
            assertTrue(CallbackReceiver.signatureMatches(afterRestart, token.getString("callbackSecret")));
            JsonArray attempts = awaitAttempts(importId, 2);
            assertEquals(503, attempts.getJsonObject(0).getInt("statusCode"));
            assertEquals(200, attempts.getJsonObject(1).getInt("statusCode"));
            assertEquals(2, receiver.all().size(), "exactly one retry");
        }
    }

    private static JsonArray awaitAttempts(String importId, int count) throws Exception {
        Instant deadline = Instant.now().plus(PATIENCE);
        JsonArray attempts = null;
        while (Instant.now().isBefore(deadline)) {
            attempts = server.client().data("query($id: ID!) { importJob(importId: $id) { callbackAttempts {"
                    + " attempt statusCode nextAttemptAt } } }", Json.createObjectBuilder().add("id", importId)
                    .build()).getJsonObject("importJob").getJsonArray("callbackAttempts");
            if (attempts.size() >= count) {
                return attempts;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("Import " + importId + " has not had " + count + " callback attempts: " + attempts);
    }
}
