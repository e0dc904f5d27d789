package dev.intake.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The main job end to end: real files through the multipart endpoint of a running server, then the records. */
class ApiImportIT {

    private static IntakeClient api;

    @BeforeAll
    static void server() throws Exception {
        api = IntakeServer.shared().client();
    }

    @Test
    void importsDatablistPeopleThenUpdatesThemOnTheSecondImport() throws Exception {
        Path file = SharedData.real("datablist_people-1000.csv");
        String entity = AppFixtures.uniqueEntity("people");
        api.defineApp(AppFixtures.appForHeader(entity, file, Map.of("Index", "NUMBER", "Email", "EMAIL",
                "Date of birth", "DATE", "Phone", "PHONE"), List.of("User Id")));

        JsonObject first = api.importAndWait(entity, file, null);
        assertEquals("COMPLETED", first.getString("status"), first.toString());
        assertCounts(first, 1000, 1000, 0, 0);
        assertEquals("admin", first.getString("createdBy"));
        assertEquals("UTF-8", first.getString("encoding"));
        assertEquals("datablist_people-1000.csv", first.getString("file"));

        JsonObject second = api.importAndWait(entity, file, null);
        assertCounts(second, 1000, 0, 1000, 0);
        List<Map<String, String>> records = api.records(entity);
        assertEquals(1000, records.size());
        Map<String, String> shelia = records.stream().filter(r -> "8717bbf45cCDbEe".equals(r.get("user_id")))
                .findFirst().orElseThrow();
        assertEquals("Shelia", shelia.get("first_name"));
        assertEquals("pwarner@example.org", shelia.get("email"));
        assertEquals("2014-01-27", shelia.get("date_of_birth"));
    }

    @Test
    void keepsLineBreaksTabsAndQuotesOfTheThunderbirdExport() throws Exception {
        Path file = SharedData.real("thunderbird_export.csv");
        String entity = AppFixtures.uniqueEntity("addressbook");
        api.defineApp(AppFixtures.appForHeader(entity, file, Map.of(), List.of("Primary Email")));

        JsonObject job = api.importAndWait(entity, file, null);
        assertCounts(job, 2, 2, 0, 0);
        Map<String, String> two = api.records(entity).stream()
                .filter(r -> "contact2@invalid".equals(r.get("primary_email"))).findFirst().orElseThrow();
        assertEquals("custom\n4", two.get("custom_4"));
        assertEquals("custom\r3", two.get("custom_3"));
        assertEquals("custom\t2", two.get("custom_2"));
        assertEquals("\"worker\"", two.get("job_title"));
        assertEquals("custom, 1", two.get("custom_1"));
    }

    /**
     * A match key over 2,000 bytes of UTF-8 (here 1,000 CJK characters, 3,000 bytes, which no PostgreSQL index
     * entry could hold) fails its row alone; the rows around it are imported.
     */
    @Test
    void aKeyTooLongToStoreFailsItsRowAlone(@TempDir Path dir) throws Exception {
        String entity = AppFixtures.uniqueEntity("codes");
        api.defineApp(app(entity, "Codes", "code", field("code", "TEXT", false), field("note", "TEXT", false)));
        Path file = Files.writeString(dir.resolve("codes.csv"), "code,note\nok1,a\n" + "\u6771".repeat(1000)
                + ",b\nok2,c\n");

        JsonObject job = api.importAndWait(entity, file, null);

        assertEquals("COMPLETED", job.getString("status"), job.toString());
        assertCounts(job, 3, 2, 0, 1);
        JsonObject error = job.getJsonArray("errors").getJsonObject(0);
        assertEquals(List.of(3, "code", "KEY_TOO_LONG"), List.of(error.getInt("line"), error.getString("column"),
                error.getString("code")));
        assertTrue(error.getString("message").contains("3000 bytes"), error.toString());
        assertEquals(List.of("ok1", "ok2"), api.records(entity).stream().map(record -> record.get("code")).sorted()
                .toList());
    }

    @Test
    void refusesUnknownColumnsBeforeWritingAnything(@TempDir Path dir) throws Exception {
        String entity = AppFixtures.uniqueEntity("contacts");
        api.defineApp(contactApp(entity));
        Path file = dir.resolve("unknown.csv");
        Files.writeString(file, "email,first_name,favourite_colour\nana@example.com,Ana,blue\n");

        JsonObject answer = IntakeClient.json(api.upload(entity, null, file, null));

        assertEquals("UNKNOWN_COLUMNS", IntakeClient.errorCode(answer));
        String message = answer.getJsonArray("errors").getJsonObject(0).getString("message");
        assertTrue(message.contains("favourite_colour"), message);
        assertEquals(0, historySize(entity));
        assertEquals(0, api.records(entity).size());
    }

    @Test
    void refusesMissingRequiredAndDuplicateColumns(@TempDir Path dir) throws Exception {
        String entity = AppFixtures.uniqueEntity("deals");
        api.defineApp(app(entity, "Deals", "external_id", field("external_id", "TEXT", false),
                field("name", "TEXT", true)));
        Path missing = dir.resolve("missing.csv");
        Files.writeString(missing, "external_id\nD-1\n");
        Path duplicate = dir.resolve("duplicate.csv");
        Files.writeString(duplicate, "external_id,name,Name\nD-1,A,B\n");

        assertEquals("MISSING_REQUIRED_COLUMNS", IntakeClient.errorCode(IntakeClient.json(
                api.upload(entity, null, missing, null))));
        assertEquals("DUPLICATE_COLUMNS", IntakeClient.errorCode(IntakeClient.json(
                api.upload(entity, null, duplicate, null))));
        assertEquals("UNKNOWN_ENTITY", IntakeClient.errorCode(IntakeClient.json(
                api.upload("no_such_app", null, missing, null))));
        assertEquals(0, historySize(entity));
    }

    @Test
    void keepsEachFailedRowWithItsLineColumnAndCode(@TempDir Path dir) throws Exception {
        String entity = AppFixtures.uniqueEntity("contacts");
        api.defineApp(contactApp(entity));
        Path file = dir.resolve("mixed.csv");
        Files.writeString(file, "email,first_name\nana@example.com,Ana\nnot-an-email,Bo\n\ncy@example.com,Cy\n");

        JsonObject job = api.importAndWait(entity, file, null);

        assertCounts(job, 3, 2, 0, 1);
        JsonObject error = job.getJsonArray("errors").getJsonObject(0);
        assertEquals(3, error.getInt("line"));
        assertEquals("email", error.getString("column"));
        assertEquals("not-an-email", error.getString("value"));
        assertEquals("INVALID_EMAIL", error.getString("code"));
    }

    @Test
    void countsARowWithTwoBadCellsAsOneFailedRowWithTwoErrors(@TempDir Path dir) throws Exception {
        String entity = AppFixtures.uniqueEntity("scores");
        api.defineApp(app(entity, "Scores", "email", field("email", "EMAIL", false), field("score", "NUMBER", false)));
        Path file = dir.resolve("scores.csv");
        Files.writeString(file, "email,score\nbad-email,lots\nok@example.com,7\n");

        JsonObject job = api.importAndWait(entity, file, null);

        assertCounts(job, 2, 1, 0, 1);
        assertEquals(2, job.getJsonArray("errors").size());
        assertEquals(2, job.getJsonArray("errors").getJsonObject(1).getInt("line"));
        assertEquals("INVALID_NUMBER", job.getJsonArray("errors").getJsonObject(1).getString("code"));
    }

    @Test
    void answersWithTheJobAtOnceAndListsItInTheHistory(@TempDir Path dir) throws Exception {
        String entity = AppFixtures.uniqueEntity("contacts");
        api.defineApp(contactApp(entity));
        Path file = dir.resolve("one.csv");
        Files.writeString(file, "email\nsolo@example.com\n");

        String importId = api.startImport(entity, file, null);
        api.awaitEnd(importId);

        JsonObject page = api.data("query($e: String!) { importJobs(entity: $e) { total items { importId"
                + " processed createdBy expiresAt } } }", Json.createObjectBuilder().add("e", entity).build())
                .getJsonObject("importJobs");
        assertEquals(1, page.getInt("total"));
        assertEquals(importId, page.getJsonArray("items").getJsonObject(0).getString("importId"));
        assertNotNull(page.getJsonArray("items").getJsonObject(0).getString("expiresAt"));
    }

    @Test
    void refusesAnUploadHandleThatWasNotSentWithTheRequest() throws Exception {
        String entity = AppFixtures.uniqueEntity("contacts");
        api.defineApp(contactApp(entity));
        HttpResponse<String> response = api.post("mutation($u: Upload!) { importEntities(entity: \"" + entity
                + "\", upload: $u) { importId } }", Json.createObjectBuilder().add("u", "../../etc/passwd").build());

        assertEquals("INVALID_INPUT", IntakeClient.errorCode(IntakeClient.json(response)));
        assertEquals(0, historySize(entity));
    }

    @Test
    void refusesAFileNameLongerThanTheHistoryKeepsAndStoresNothing(@TempDir Path dir) throws Exception {
        String entity = AppFixtures.uniqueEntity("contacts");
        api.defineApp(contactApp(entity));
        Path file = dir.resolve("one.csv");
        Files.writeString(file, "email\nsolo@example.com\n");

        JsonObject answer = IntakeClient.json(api.upload(entity, "n".repeat(501), file, null));

        assertEquals("INVALID_INPUT", IntakeClient.errorCode(answer));
        assertTrue(answer.toString().contains("at most 500 characters"), answer.toString());
        assertEquals(0, historySize(entity));
        assertEquals(List.of(), incomingUploads());
    }

    @Test
    void namesAnUploadWithoutAnyNameUploadCsv() throws Exception {
        String entity = AppFixtures.uniqueEntity("contacts");
        api.defineApp(contactApp(entity));
        String operations = Json.createObjectBuilder().add("query", "mutation($u: Upload!) { importEntities(entity: \""
                + entity + "\", upload: $u) { importId file } }").add("variables", Json.createObjectBuilder()
                .addNull("u")).build().toString();

        JsonObject answer = IntakeClient.json(api.multipart(List.of("operations", "map"), Map.of("operations",
                operations, "map", "{\"0\":[\"variables.u\"]}"), "0", "", utf8("email\nsolo@example.com\n")));

        assertEquals("upload.csv", answer.getJsonObject("data").getJsonObject("importEntities").getString("file"),
                answer.toString());
    }

    @Test
    void refusesAnAuditCursorOrPageSizeThatTheApiDidNotGiveOut() throws Exception {
        for (String query : List.of("{ auditEvents(before: \"zz\") { id } }", "{ auditEvents(first: 0) { id } }",
                "{ auditEvents(first: 100000) { id } }")) {
            JsonObject answer = IntakeClient.json(api.post(query, null));

            assertEquals("INVALID_INPUT", IntakeClient.errorCode(answer), query + " answered " + answer);
        }
    }

    @Test
    void logsARefusalNotAtAllAndAnIncidentWithItsId() throws Exception {
        JsonObject refused = IntakeClient.json(api.post("{ auditEvents(before: \"not-an-id\") { id } }", null));
        // A label longer than its database column is not checked before the database: today an incident.
        JsonObject app = Json.createObjectBuilder(contactApp(AppFixtures.uniqueEntity("incident")))
                .add("label", "L".repeat(300)).build();
        JsonObject failed = IntakeClient.json(api.post("mutation($i: AppInput!) { defineApp(input: $i) { entity } }",
                Json.createObjectBuilder().add("i", app).build()));

        assertEquals("INVALID_INPUT", IntakeClient.errorCode(refused));
        assertEquals("INTERNAL", IntakeClient.errorCode(failed), failed.toString());
        String message = failed.getJsonArray("errors").getJsonObject(0).getString("message");
        String incident = message.replaceAll(".*incident ([0-9a-f-]{36}).*", "$1");
        String log = Files.readString(IntakeServer.shared().log());
        assertTrue(log.contains("INTAKE-110 defineApp failed, incident " + incident), "the log names the incident");
        assertFalse(log.contains("SRGQL012000"), "no refusal or incident is logged again by the GraphQL runtime");
        assertFalse(log.contains("Refusals$InvalidInput"), "a refusal leaves no stack trace");
    }

    @Test
    void onlyAdminsDefineAppsAndDefinitionsAreChecked() throws Exception {
        JsonObject bad = Json.createObjectBuilder().add("entity", "Bad Name").add("label", "x")
                .add("fields", Json.createArrayBuilder().add(field("a", "TEXT", false))).build();
        HttpResponse<String> response = api.post("mutation($i: AppInput!) { defineApp(input: $i) { entity } }",
                Json.createObjectBuilder().add("i", bad).build());
        JsonObject answer = IntakeClient.json(response);
        assertEquals("INVALID_INPUT", IntakeClient.errorCode(answer));
        assertTrue(answer.toString().contains("Bad Name"), answer.toString());
    }

    static JsonObject contactApp(String entity) {
        return app(entity, "Contacts", "email", field("email", "EMAIL", false), field("first_name", "TEXT", false),
                field("last_name", "TEXT", false));
    }

    /** An app definition for {@code defineApp} with the given fields, matching on one of them. */
    static JsonObject app(String entity, String label, String matchField, JsonObject... fields) {
        JsonArrayBuilder definitions = Json.createArrayBuilder();
        Arrays.stream(fields).forEach(definitions::add);
        return Json.createObjectBuilder().add("entity", entity).add("label", label).add("fields", definitions)
                .add("matchOn", Json.createArrayBuilder().add(Json.createArrayBuilder().add(matchField))).build();
    }

    static JsonObject field(String name, String type, boolean required) {
        return Json.createObjectBuilder().add("name", name).add("type", type).add("required", required).build();
    }

    private static int historySize(String entity) throws Exception {
        return api.data("query($e: String!) { importJobs(entity: $e) { total } }",
                Json.createObjectBuilder().add("e", entity).build()).getJsonObject("importJobs").getInt("total");
    }

    /** Uploads still waiting in the server's spool directory. */
    private static List<String> incomingUploads() throws Exception {
        Path incoming = IntakeServer.shared().dataDirectory().resolve("uploads").resolve("incoming");
        if (!Files.isDirectory(incoming)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(incoming)) {
            return files.map(path -> path.getFileName().toString()).toList();
        }
    }

    static void assertCounts(JsonObject job, int processed, int added, int updated, int failed) {
        String counts = job.getInt("processed") + "/" + job.getInt("added") + "/" + job.getInt("updated") + "/"
                + job.getInt("failed");
        assertEquals(processed + "/" + added + "/" + updated + "/" + failed, counts,
                "processed/added/updated/failed of " + job);
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
