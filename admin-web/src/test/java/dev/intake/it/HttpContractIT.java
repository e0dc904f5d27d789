package dev.intake.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the HTTP layer answers before any GraphQL runs: 401 without a good token, 400 for malformed bodies. */
class HttpContractIT {

    private static IntakeServer server;

    @BeforeAll
    static void server() throws Exception {
        server = IntakeServer.shared();
    }

    @Test
    void answersMissingTokenWith401AndBearerChallenge() throws Exception {
        HttpResponse<String> response = server.client(null).post("{ apps { entity } }", null);

        assertEquals(401, response.statusCode());
        assertTrue(response.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
        assertEquals("UNAUTHENTICATED", IntakeClient.errorCode(IntakeClient.json(response)));
    }

    @Test
    void answersUnknownTokenWith401InvalidToken() throws Exception {
        HttpResponse<String> response = server.client("itk_not_a_real_token").post("{ apps { entity } }", null);

        assertEquals(401, response.statusCode());
        assertTrue(response.headers().firstValue("WWW-Authenticate").orElse("").contains("invalid_token"));
    }

    @Test
    void answersAnUploadWithoutTokenWith401() throws Exception {
        HttpResponse<String> response = server.client(null).upload("contact", null,
                SharedData.cases("14_email_case.csv"), null);

        assertEquals(401, response.statusCode());
    }

    @Test
    void explainsUnescapedQuotesInOperations() throws Exception {
        String pasted = "{\"query\":\"mutation { importEntities(entity: \"contact\", upload: $u) { importId } }\"}";
        HttpResponse<String> response = server.client().multipart(List.of("operations", "map"),
                Map.of("operations", pasted, "map", "{\"0\":[\"variables.upload\"]}"), "0", "a.csv",
                "email\na@example.com\n".getBytes(StandardCharsets.UTF_8));

        assertEquals(400, response.statusCode());
        String message = IntakeClient.json(response).getJsonArray("errors").getJsonObject(0).getString("message");
        assertTrue(message.contains("operations") && message.contains("escaped"), message);
    }

    @Test
    void answersAMultipartBodyWithoutOperationsWith400() throws Exception {
        HttpResponse<String> response = server.client().multipart(List.of("map"),
                Map.of("map", "{\"0\":[\"variables.upload\"]}"), "0", "a.csv",
                "email\n".getBytes(StandardCharsets.UTF_8));

        assertEquals(400, response.statusCode());
        assertTrue(response.body().contains("'operations'"), response.body());
    }

    @Test
    void answersBrokenJsonWith400() throws Exception {
        HttpResponse<String> response = server.client().postRaw("application/json",
                "{\"query\": \"{ apps { entity } }\"".getBytes(StandardCharsets.UTF_8));

        assertEquals(400, response.statusCode());
        assertEquals("BAD_REQUEST", IntakeClient.errorCode(IntakeClient.json(response)));
    }

    @Test
    void answersAMapNamingAMissingPartWith400() throws Exception {
        HttpResponse<String> response = server.client().multipart(List.of("operations", "map"),
                Map.of("operations", "{\"query\":\"mutation($u: Upload!) { importEntities(entity: \\\"contact\\\","
                        + " upload: $u) { importId } }\",\"variables\":{\"u\":null}}",
                        "map", "{\"7\":[\"variables.u\"]}"), "0", "a.csv", "email\n".getBytes(StandardCharsets.UTF_8));

        assertEquals(400, response.statusCode());
        assertTrue(response.body().contains("'7'"), response.body());
    }
}
