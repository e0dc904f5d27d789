package dev.intake.it;

import static dev.intake.it.ApiImportIT.contactApp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every operation against every kind of caller: no token, a revoked or expired token, another app's importer,
 * a read-only user and an administrator. Asserts the HTTP status, the error code, and that a refused request
 * changed nothing.
 */
class AccessMatrixIT {

    private static IntakeServer server;
    private static IntakeClient admin;
    private static String appA;
    private static String appB;
    private static String jobInA;
    private static final Map<String, String> TOKENS = new LinkedHashMap<>();

    @BeforeAll
    static void setUp(@TempDir Path dir) throws Exception {
        server = IntakeServer.shared();
        admin = server.client();
        appA = AppFixtures.uniqueEntity("acl_a");
        appB = AppFixtures.uniqueEntity("acl_b");
        admin.defineApp(contactApp(appA));
        admin.defineApp(contactApp(appB));
        jobInA = admin.importAndWait(appA, file(dir, "a.csv", "email\nbad-one\nok@example.com\n"), null)
                .getString("importId");

        String suffix = appA.substring(appA.indexOf('_') + 3);
        String roleB = "importer_b" + suffix;
        admin.data("mutation($i: RoleInput!) { defineRole(input: $i) { name } }", Json.createObjectBuilder()
                .add("i", Json.createObjectBuilder().add("name", roleB).add("grants", Json.createArrayBuilder()
                        .add(Json.createObjectBuilder().add("entity", appB).add("canImport", true)
                                .add("canViewHistory", true)))).build());
        TOKENS.put("other app's importer", userWithToken("bimp" + suffix, roleB));
        TOKENS.put("read-only", userWithToken("viewer" + suffix, "viewer"));
        TOKENS.put("admin", IntakeServer.ADMIN_TOKEN);
        String revoked = userWithToken("revoked" + suffix, "importer");
        String revokedId = admin.data("{ tokens(user: \"revoked" + suffix + "\") { id } }", null)
                .getJsonArray("tokens").getJsonObject(0).getString("id");
        admin.data("mutation { revokeToken(id: \"" + revokedId + "\") }", null);
        TOKENS.put("revoked", revoked);
        TOKENS.put("expired", admin.data("mutation($at: DateTime) { createToken(name: \"short\", user: \"admin\","
                + " expiresAt: $at) { token } }", Json.createObjectBuilder()
                .add("at", Instant.now().plusSeconds(2).toString()).build())
                .getJsonObject("createToken").getString("token"));
        Thread.sleep(2500);
    }

    private static String userWithToken(String username, String role) throws Exception {
        admin.data("mutation($i: UserInput!) { saveUser(input: $i) { username } }", Json.createObjectBuilder()
                .add("i", Json.createObjectBuilder().add("username", username).add("password", "long-enough-pw")
                        .add("roles", Json.createArrayBuilder().add(role))).build());
        return admin.data("mutation { createToken(name: \"ERP\", user: \"" + username + "\") { token } }", null)
                .getJsonObject("createToken").getString("token");
    }

    @Test
    void refusesEveryOperationWithout401WhenTheTokenIsMissingRevokedOrExpired(@TempDir Path dir)
            throws Exception {
        for (String who : new String[] {null, "revoked", "expired"}) {
            IntakeClient client = server.client(who == null ? null : TOKENS.get(who));
            int before = historySize(appA);
            assertEquals(401, client.upload(appA, null, file(dir, "x.csv", "email\nx@example.com\n"), null)
                    .statusCode(), who);
            assertEquals(401, client.post("{ importJobs(entity: \"" + appA + "\") { total } }", null).statusCode());
            assertEquals(401, client.post("{ users { username } }", null).statusCode());
            assertEquals(401, download(who == null ? null : TOKENS.get(who), errorsPath()).statusCode());
            assertEquals(before, historySize(appA), "nothing was written for " + who);
        }
    }

    @Test
    void anotherAppsImporterIsForbiddenFromThisAppAndImportsIntoItsOwn(@TempDir Path dir) throws Exception {
        IntakeClient other = server.client(TOKENS.get("other app's importer"));
        int before = historySize(appA);

        JsonObject refused = IntakeClient.json(other.upload(appA, null, file(dir, "x.csv", "email\nx@e.com\n"), null));
        assertEquals("FORBIDDEN", IntakeClient.errorCode(refused));
        assertTrue(refused.toString().contains("'import' permission"), refused.toString());
        assertEquals(before, historySize(appA));
        assertForbidden(other, "{ importJobs(entity: \"" + appA + "\") { total } }");
        assertForbidden(other, "{ records(entity: \"" + appA + "\") { total } }");
        assertForbidden(other, "{ importJob(importId: \"" + jobInA + "\") { status } }");
        assertForbidden(other, "mutation { cancelImport(importId: \"" + jobInA + "\") { status } }");
        assertForbidden(other, "mutation { undoImport(importId: \"" + jobInA + "\") { status } }");
        assertForbidden(other, "{ users { username } }");
        assertEquals(403, download(TOKENS.get("other app's importer"), errorsPath()).statusCode());
        assertEquals(403, download(TOKENS.get("other app's importer"), errorsPath().replace("errors", "results"))
                .statusCode());
        assertEquals(404, download(TOKENS.get("other app's importer"), "/api/apps/" + appA + "/template.csv")
                .statusCode());
        assertFalse(other.data("{ apps { entity } }", null).toString().contains(appA));

        JsonObject own = other.importAndWait(appB, file(dir, "b.csv", "email\nb@example.com\n"), null);
        assertEquals("COMPLETED", own.getString("status"));
        assertTrue(own.getString("createdBy").startsWith("bimp"), own.toString());
    }

    @Test
    void anImportOnlyUserCancelsAndUndoesOnlyTheImportsTheyStarted(@TempDir Path dir) throws Exception {
        String suffix = appA.substring(appA.indexOf('_') + 3);
        String role = "import_only" + suffix;
        admin.data("mutation($i: RoleInput!) { defineRole(input: $i) { name } }", Json.createObjectBuilder()
                .add("i", Json.createObjectBuilder().add("name", role).add("grants", Json.createArrayBuilder()
                        .add(Json.createObjectBuilder().add("entity", appA).add("canImport", true)
                                .add("canViewHistory", false)))).build());
        IntakeClient importOnly = server.client(userWithToken("ionly" + suffix, role));

        assertForbidden(importOnly, "mutation { cancelImport(importId: \"" + jobInA + "\") { file } }");
        assertForbidden(importOnly, "mutation { undoImport(importId: \"" + jobInA + "\") { importId } }");
        assertTrue(admin.data("{ importJob(importId: \"" + jobInA + "\") { undoneBy } }", null)
                .getJsonObject("importJob").isNull("undoneBy"), "the refused undo changed nothing");

        String own = importOnly.importAndWait(appA, file(dir, "own.csv", "email\nown" + suffix + "@example.com\n"),
                null).getString("importId");
        JsonObject undo = importOnly.data("mutation { undoImport(importId: \"" + own + "\") { importId undoOf } }",
                null).getJsonObject("undoImport");
        assertEquals(own, undo.getString("undoOf"));
    }

    @Test
    void aReadOnlyUserSeesHistoryAndRecordsButImportsNothing(@TempDir Path dir) throws Exception {
        IntakeClient viewer = server.client(TOKENS.get("read-only"));
        int before = historySize(appA);

        assertEquals("FORBIDDEN", IntakeClient.errorCode(IntakeClient.json(
                viewer.upload(appA, null, file(dir, "x.csv", "email\nx@example.com\n"), null))));
        assertEquals(before, historySize(appA));
        assertEquals(before, viewer.data("{ importJobs(entity: \"" + appA + "\") { total } }", null)
                .getJsonObject("importJobs").getInt("total"));
        assertEquals(1, viewer.data("{ records(entity: \"" + appA + "\") { total } }", null)
                .getJsonObject("records").getInt("total"));
        assertEquals(200, download(TOKENS.get("read-only"), errorsPath()).statusCode());
        assertEquals(200, download(TOKENS.get("read-only"), errorsPath().replace("errors", "results")).statusCode());
        assertForbidden(viewer, "mutation { cancelImport(importId: \"" + jobInA + "\") { status } }");
        assertForbidden(viewer, "mutation { undoImport(importId: \"" + jobInA + "\") { status } }");
        assertForbidden(viewer, "mutation { defineApp(input: {entity: \"x_y\", label: \"x\", fields: [{name: \"a\","
                + " type: TEXT}]}) { entity } }");
        assertForbidden(viewer, "mutation { saveUser(input: {username: \"sneaky\", password: \"long-enough-pw\","
                + " roles: [\"admin\"]}) { username } }");
        assertForbidden(viewer, "mutation { createToken(name: \"x\", user: \"admin\") { token } }");
        assertForbidden(viewer, "{ auditEvents { action } }");
    }

    @Test
    void anAdministratorMayDoEverythingAndEveryChangeIsAudited() throws Exception {
        assertEquals(200, download(IntakeServer.ADMIN_TOKEN, errorsPath()).statusCode());
        assertTrue(admin.data("{ users { username } }", null).getJsonArray("users").size() >= 4);
        String audit = admin.data("{ auditEvents(first: 200) { actor action subject detail } }", null).toString();
        assertTrue(audit.contains("ROLE_DEFINED") && audit.contains("USER_CREATED")
                && audit.contains("TOKEN_CREATED") && audit.contains("TOKEN_REVOKED"), audit);
        assertFalse(audit.contains(TOKENS.get("read-only")), "no token in the audit trail");
    }

    @Test
    void storesTokensOnlyAsHashes() throws Exception {
        String listed = admin.data("{ tokens(user: \"admin\") { id name lastUsedAt active } }", null).toString();
        assertFalse(listed.contains(IntakeServer.ADMIN_TOKEN));
        String url = System.getenv("INTAKE_TEST_DB_URL");
        Assumptions.assumeTrue(url != null && !url.isBlank(), "the database is only readable from outside on"
                + " PostgreSQL; the embedded H2 file belongs to the server");
        try (Connection db = DriverManager.getConnection(url, System.getenv("INTAKE_TEST_DB_USER"),
                System.getenv("INTAKE_TEST_DB_PASSWORD"));
                ResultSet rows = db.createStatement().executeQuery("select token_hash from api_token")) {
            String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(IntakeServer.ADMIN_TOKEN.getBytes(StandardCharsets.UTF_8)));
            boolean hashFound = false;
            while (rows.next()) {
                assertNotEquals(IntakeServer.ADMIN_TOKEN, rows.getString(1));
                hashFound |= expected.equals(rows.getString(1));
            }
            assertTrue(hashFound);
        }
    }

    private static void assertForbidden(IntakeClient client, String query) throws Exception {
        HttpResponse<String> response = client.post(query, null);
        assertEquals(200, response.statusCode(), query);
        assertEquals("FORBIDDEN", IntakeClient.errorCode(IntakeClient.json(response)), query);
    }

    private static String errorsPath() {
        return "/api/imports/" + jobInA + "/errors.csv";
    }

    private static HttpResponse<String> download(String token, String path) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUri() + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int historySize(String entity) throws Exception {
        return admin.data("{ importJobs(entity: \"" + entity + "\") { total } }", null)
                .getJsonObject("importJobs").getInt("total");
    }

    private static Path file(Path dir, String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content);
    }
}
