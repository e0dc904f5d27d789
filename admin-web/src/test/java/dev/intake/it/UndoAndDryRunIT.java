package dev.intake.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.intake.it.cases.CsvCells;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Dry runs, undo and the per-row results of imports, against a running server over HTTP. */
class UndoAndDryRunIT {

    private static final String JOB_FIELDS = "importId status processed added updated unchanged failed dryRun kind"
            + " undoOf undoneBy restored deleted conflicts message errors(first: 100) { line value code message }";

    private static IntakeClient api;

    @BeforeAll
    static void server() throws Exception {
        api = IntakeServer.shared().client();
    }

    @Test
    void dryRunCountsWhatWouldChangeWithEveryErrorAndWritesNothing(@TempDir Path dir) throws Exception {
        String entity = contactApp();
        Path file = csv(dir, "email,first_name,last_name\nana@example.com,Ana,Lima\nANA@example.com,Ana,Costa\n"
                + "not-an-email,Bo,Bell\nbea@example.com,Bea,\n");

        JsonObject job = job(api.startImport(entity, file, Json.createObjectBuilder().add("dryRun", true).build()));

        assertEquals("COMPLETED", job.getString("status"));
        assertTrue(job.getBoolean("dryRun"));
        assertEquals("4/1/1/0/2", counts(job));
        assertEquals(List.of("4 INVALID_EMAIL", "5 REQUIRED_VALUE_MISSING"), errors(job));
        assertEquals(0, api.records(entity).size());
        assertEquals(List.of(List.of("2", "added", ""), List.of("3", "updated", ""), List.of("4", "failed", ""),
                List.of("5", "failed", "")), results(job.getString("importId")).stream().skip(1)
                .map(row -> row.subList(0, 3)).toList());
        JsonObject history = api.data("query($e: String!) { importJobs(entity: $e) { items { importId dryRun } } }",
                Json.createObjectBuilder().add("e", entity).build()).getJsonObject("importJobs");
        assertTrue(history.getJsonArray("items").getJsonObject(0).getBoolean("dryRun"));
        assertEquals("UNDO_NOT_POSSIBLE", undoRefusal(job.getString("importId"), false));

        JsonObject real = job(api.startImport(entity, file, null));
        assertEquals(counts(job), counts(real));
        assertEquals(1, api.records(entity).size());
    }

    @Test
    void resultsGiveEveryRowWithItsOutcomeRecordAndReasonAndCountUnchangedRows(@TempDir Path dir)
            throws Exception {
        String entity = contactApp();
        api.importAndWait(entity, csv(dir, "email,first_name,last_name\nana@example.com,Ana,Lima\n"
                + "bea@example.com,Bea,Costa\n"), null);
        Map<String, String> ids = idsByEmail(entity);

        JsonObject second = job(api.startImport(entity, csv(dir, "email,first_name,last_name\n"
                + "ana@example.com,Ana,Lima\nbea@example.com,Beatriz,\ncai@example.com,Cai,Cruz\n"
                + "=1+2,Evil,Formula\nana@example.com,,\n"), null));

        assertEquals("5/1/3/2/1", counts(second));
        assertEquals(5, second.getInt("processed"));
        String cai = idsByEmail(entity).get("cai@example.com");
        List<List<String>> results = results(second.getString("importId"));
        assertEquals(List.of("Line", "Outcome", "Record", "Reason"), results.get(0));
        assertEquals(List.of("2", "unchanged", ids.get("ana@example.com"), ""), results.get(1));
        assertEquals(List.of("3", "updated", ids.get("bea@example.com"), ""), results.get(2));
        assertEquals(List.of("4", "added", cai, ""), results.get(3));
        assertEquals(List.of("5", "failed", ""), results.get(4).subList(0, 3));
        assertTrue(results.get(4).get(3).contains("INVALID_EMAIL"), results.get(4).get(3));
        assertTrue(results.get(4).get(3).startsWith("email: "), results.get(4).get(3));
        assertEquals(List.of("6", "unchanged", ids.get("ana@example.com"), ""), results.get(5));
        assertEquals(6, results.size());
    }

    @Test
    void undoDeletesCreatedRecordsAndRestoresChangedValuesAndTheirKeys(@TempDir Path dir) throws Exception {
        String entity = contactApp();
        api.importAndWait(entity, csv(dir, "email,first_name,last_name\nana@example.com,Ana,Lima\n"), null);
        Map<String, String> before = api.records(entity).get(0);
        JsonObject changing = job(api.startImport(entity, csv(dir, "email,first_name,last_name\n"
                + "ana@example.com,Ana Maria,\nbea@example.com,Bea,Costa\n"), null));
        String importId = changing.getString("importId");

        JsonObject undo = undo(importId, false);

        assertEquals("COMPLETED", undo.getString("status"), undo.toString());
        assertEquals("UNDO", undo.getString("kind"));
        assertEquals(importId, undo.getString("undoOf"));
        assertEquals(List.of(1, 1, 0), List.of(undo.getInt("restored"), undo.getInt("deleted"),
                undo.getInt("conflicts")));
        assertEquals("2/0/2/0/0", counts(undo));
        assertEquals("Restored 1 and deleted 1 records of import " + importId + ".", undo.getString("message"));
        assertEquals(List.of(before), api.records(entity));
        assertEquals(undo.getString("importId"), job(importId).getString("undoneBy"));
        assertEquals("UNDO_NOT_POSSIBLE", undoRefusal(importId, false));
        assertEquals("UNDO_NOT_POSSIBLE", undoRefusal(undo.getString("importId"), false));

        JsonObject again = job(api.startImport(entity, csv(dir, "email,first_name,last_name\n"
                + "bea@example.com,Bea,Costa\nana@example.com,Ana,\n"), null));
        assertEquals("2/1/1/1/0", counts(again));
    }

    @Test
    void undoesAnImportThatStoppedAfterTooManyFailedRows(@TempDir Path dir) throws Exception {
        String entity = contactApp();
        JsonObject stopped = job(api.startImport(entity, csv(dir, "email,first_name,last_name\n"
                + "ana@example.com,Ana,Lima\nbad,Bo,Bell\ncai@example.com,Cai,Cruz\n"),
                Json.createObjectBuilder().add("maxErrors", 1).build()));
        assertEquals("FAILED", stopped.getString("status"));
        assertEquals("2/1/0/0/1", counts(stopped));

        JsonObject undo = undo(stopped.getString("importId"), false);

        assertEquals("1/0/1/0/0", counts(undo));
        assertEquals(1, undo.getInt("deleted"));
        assertEquals(0, api.records(entity).size());
    }

    @Test
    void leavesARecordChangedByALaterImportAsAConflictUntilForced(@TempDir Path dir) throws Exception {
        String entity = contactApp();
        String first = job(api.startImport(entity, csv(dir, "email,first_name,last_name\nana@example.com,Ana,Lima\n"
                + "bea@example.com,Bea,Costa\n"), null)).getString("importId");
        api.importAndWait(entity, csv(dir, "email,first_name,last_name\nana@example.com,Anita,\n"), null);

        JsonObject undo = undo(first, false);

        assertEquals("2/0/1/0/1", counts(undo));
        assertEquals(1, undo.getInt("conflicts"));
        assertEquals(1, undo.getInt("deleted"));
        JsonObject conflict = undo.getJsonArray("errors").getJsonObject(0);
        assertEquals("CHANGED_SINCE_IMPORT", conflict.getString("code"));
        assertEquals(2, conflict.getInt("line"));
        assertEquals(idsByEmail(entity).get("ana@example.com"), conflict.getString("value"));
        assertEquals("Anita", api.records(entity).get(0).get("first_name"));
        assertTrue(undo.getString("message").contains("force: true"), undo.getString("message"));

        JsonObject forced = undo(first, true);

        assertEquals("COMPLETED", forced.getString("status"));
        assertEquals(List.of(0, 1, 0), List.of(forced.getInt("restored"), forced.getInt("deleted"),
                forced.getInt("conflicts")));
        assertEquals(0, api.records(entity).size());
        assertEquals("UNDO_NOT_POSSIBLE", undoRefusal(first, true));
    }

    @Test
    void anImportRunningAlongsideAnUndoOfTheSameRecordsLosesNoChangeItReports(@TempDir Path dir) throws Exception {
        String entity = contactApp();
        StringBuilder first = new StringBuilder("email,first_name,last_name\n");
        StringBuilder later = new StringBuilder("email,first_name,last_name\n");
        for (int i = 0; i < 5000; i++) {
            first.append("p").append(i).append("@example.com,P,First\n");
            later.append("p").append(i).append("@example.com,P,Later\n");
        }
        String imported = api.importAndWait(entity, csv(dir, first.toString()), null).getString("importId");

        String undoId = api.data("mutation($id: ID!) { undoImport(importId: $id) { importId } }",
                Json.createObjectBuilder().add("id", imported).build()).getJsonObject("undoImport")
                .getString("importId");
        JsonObject importing = job(api.startImport(entity, csv(dir, later.toString()), null));
        JsonObject undo = job(undoId);

        assertEquals("COMPLETED", importing.getString("status"), importing.toString());
        assertEquals("COMPLETED", undo.getString("status"), undo.toString());
        assertEquals(5000, undo.getInt("deleted") + undo.getInt("conflicts"), undo.toString());
        Map<String, String> lastNames = lastNameById(entity);
        for (List<String> row : results(importing.getString("importId")).subList(1, 5001)) {
            assertTrue(List.of("added", "updated").contains(row.get(1)), row.toString());
            assertEquals("Later", lastNames.get(row.get(2)), "record " + row.get(2) + " of line " + row.get(0)
                    + " (" + row.get(1) + ") holds the import's value");
        }
        assertEquals(5000, lastNames.size());
    }

    @Test
    void aForcedFollowUpUndoLeavesAloneWhatTheFirstUndoRestoredEvenWhenChangedSince(@TempDir Path dir)
            throws Exception {
        String entity = contactApp();
        String header = "email,first_name,last_name\n";
        api.importAndWait(entity, csv(dir, header + "zed@example.com,T0,Zed\n"), null);
        String imported = api.importAndWait(entity, csv(dir, header + "zed@example.com,T1,\nyan@example.com,Y,Yan\n"),
                null).getString("importId");
        api.importAndWait(entity, csv(dir, header + "yan@example.com,Changed,\n"), null);

        JsonObject first = undo(imported, false);
        assertEquals(List.of(1, 0, 1), List.of(first.getInt("restored"), first.getInt("deleted"),
                first.getInt("conflicts")), first.toString());
        api.importAndWait(entity, csv(dir, header + "zed@example.com,T2-later,\n"), null);

        JsonObject forced = undo(imported, true);
        assertEquals(List.of(0, 1, 0), List.of(forced.getInt("restored"), forced.getInt("deleted"),
                forced.getInt("conflicts")), forced.toString());
        assertEquals(List.of("zed@example.com T2-later"), api.records(entity).stream()
                .map(r -> r.get("email") + " " + r.get("first_name")).toList());
    }

    private static Map<String, String> lastNameById(String entity) throws Exception {
        Map<String, String> lastNames = new TreeMap<>();
        String after = null;
        do {
            var variables = Json.createObjectBuilder().add("e", entity);
            if (after != null) {
                variables.add("after", after);
            }
            JsonObject page = api.data("query($e: String!, $after: String) { records(entity: $e, first: 1000,"
                    + " after: $after) { next items { id values { field value } } } }", variables.build())
                    .getJsonObject("records");
            for (JsonValue item : page.getJsonArray("items")) {
                item.asJsonObject().getJsonArray("values").stream().map(JsonValue::asJsonObject)
                        .filter(value -> value.getString("field").equals("last_name"))
                        .forEach(value -> lastNames.put(item.asJsonObject().getString("id"), value.getString("value")));
            }
            after = page.isNull("next") ? null : page.getString("next");
        } while (after != null);
        return lastNames;
    }

    @Test
    void refusesToUndoAnImportThatDoesNotExist() throws Exception {
        assertEquals("NOT_FOUND", undoRefusal("00000000-0000-0000-0000-000000000000", false));
    }

    private static String contactApp() throws Exception {
        String entity = AppFixtures.uniqueEntity("undo");
        api.defineApp(ApiImportIT.app(entity, "Contacts", "email", ApiImportIT.field("email", "EMAIL", false),
                ApiImportIT.field("first_name", "TEXT", false), ApiImportIT.field("last_name", "TEXT", true)));
        return entity;
    }

    private static Path csv(Path dir, String content) throws Exception {
        Path file = Files.createTempFile(dir, "rows", ".csv");
        Files.writeString(file, content);
        return file;
    }

    /** Waits for the job's end and answers it with the fields of this feature. */
    private static JsonObject job(String importId) throws Exception {
        api.awaitEnd(importId);
        return api.data("query($id: ID!) { importJob(importId: $id) { " + JOB_FIELDS + " } }",
                Json.createObjectBuilder().add("id", importId).build()).getJsonObject("importJob");
    }

    private static JsonObject undo(String importId, boolean force) throws Exception {
        JsonObject undo = api.data("mutation($id: ID!, $force: Boolean) { undoImport(importId: $id, force: $force)"
                + " { importId } }", Json.createObjectBuilder().add("id", importId).add("force", force).build())
                .getJsonObject("undoImport");
        return job(undo.getString("importId"));
    }

    private static String undoRefusal(String importId, boolean force) throws Exception {
        JsonObject answer = IntakeClient.json(api.post("mutation($id: ID!, $force: Boolean) { undoImport(importId:"
                + " $id, force: $force) { importId } }", Json.createObjectBuilder().add("id", importId)
                .add("force", force).build()));
        return IntakeClient.errorCode(answer);
    }

    /** processed/added/updated/unchanged/failed. */
    private static String counts(JsonObject job) {
        return job.getInt("processed") + "/" + job.getInt("added") + "/" + job.getInt("updated") + "/"
                + job.getInt("unchanged") + "/" + job.getInt("failed");
    }

    private static List<String> errors(JsonObject job) {
        return job.getJsonArray("errors").stream().map(JsonValue::asJsonObject)
                .map(error -> error.getInt("line") + " " + error.getString("code")).toList();
    }

    private static Map<String, String> idsByEmail(String entity) throws Exception {
        JsonObject page = api.data("query($e: String!) { records(entity: $e, first: 1000) { items { id"
                + " values { field value } } } }", Json.createObjectBuilder().add("e", entity).build())
                .getJsonObject("records");
        Map<String, String> ids = new TreeMap<>();
        for (JsonValue item : page.getJsonArray("items")) {
            for (JsonValue value : item.asJsonObject().getJsonArray("values")) {
                if ("email".equals(value.asJsonObject().getString("field"))) {
                    ids.put(value.asJsonObject().getString("value"), item.asJsonObject().getString("id"));
                }
            }
        }
        return ids;
    }

    private static List<List<String>> results(String importId) throws Exception {
        URI uri = IntakeServer.shared().baseUri().resolve("/api/imports/" + importId + "/results.csv");
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + IntakeServer.ADMIN_TOKEN).GET().build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request,
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertEquals(200, response.statusCode(), response::body);
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
        return CsvCells.parse(response.body());
    }
}
