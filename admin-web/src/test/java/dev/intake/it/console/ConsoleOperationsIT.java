package dev.intake.it.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.intake.it.AppFixtures;
import dev.intake.it.GeneratedFiles;
import dev.intake.it.IntakeClient;
import dev.intake.it.IntakeServer;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Following and running imports from the console: history filters, live counters of a running import, the import
 * detail page with its failed rows, errors.csv and Cancel, app setup with its template, the dashboard's charts and
 * the error page of a failed ajax request. One server of its own, with small chunks so that an import runs long
 * enough to be watched.
 */
class ConsoleOperationsIT extends BrowserTest {

    private static IntakeServer server;
    private static IntakeClient api;

    @BeforeAll
    static void start() throws Exception {
        server = IntakeServer.start(Map.of("INTAKE_CHUNK_SIZE", "50"));
        api = server.client();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void filtersTheHistoryByStatusUserAndDays(@TempDir Path dir) throws Exception {
        String entity = AppFixtures.uniqueEntity("filter");
        api.defineApp(ConsoleFixtures.contactsApp(entity));
        String importer = "importer_" + entity;
        ConsoleFixtures.saveUser(api, importer, "importer");
        IntakeClient importerApi = server.client(ConsoleFixtures.createToken(api, importer));
        api.importAndWait(entity, GeneratedFiles.contacts(dir.resolve("good.csv"), 0, 20, 0), null);
        importerApi.importAndWait(entity, GeneratedFiles.contacts(dir.resolve("theirs.csv"), 100, 10, 0), null);
        JsonObject stopped = api.importAndWait(entity, GeneratedFiles.contacts(dir.resolve("bad.csv"), 200, 10, 2),
                Json.createObjectBuilder().add("maxErrors", 2).build());
        assertEquals("FAILED", stopped.getString("status"));

        HistoryScreen history = openHistory(entity);
        assertEquals(List.of("bad.csv", "theirs.csv", "good.csv"), files(history), "newest first");
        assertTrue(history.rows().get(0).get("status").startsWith("FAILED"));

        assertEquals(List.of("bad.csv"), files(history.filterStatus("FAILED").applyFilter()));
        assertEquals(List.of("theirs.csv", "good.csv"), files(history.filterStatus("COMPLETED").applyFilter()));
        assertEquals(List.of("theirs.csv"), files(history.filterUser(importer).applyFilter()));
        assertEquals("importer_" + entity, history.rows().get(0).get("created-by"));

        String today = LocalDate.now(ZoneOffset.UTC).toString();
        String tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1).toString();
        history.clearFilter();
        assertEquals(3, history.filterDays(today, today).applyFilter().rows().size());
        assertEquals(0, history.filterDays(tomorrow, tomorrow).applyFilter().rows().size());
        history.filterDays("2026-13-45", "").applyFilter();
        assertFalse(history.filterMessage("filter-from").isEmpty(), "an impossible date is refused at its input");
        Screenshots.take(driver, "history-filters");
    }

    @Test
    void showsAnImportsFailedRowsPagedAndDownloadsErrorsCsv(@TempDir Path dir) throws Exception {
        String entity = AppFixtures.uniqueEntity("detail");
        api.defineApp(ConsoleFixtures.contactsApp(entity));
        StringBuilder csv = new StringBuilder("email;first_name;last_name\n");
        for (int i = 1; i <= 30; i++) {
            csv.append(i <= 5 ? "person" + i + "@example.com" : "not-an-email-" + i).append(";First").append(i)
                    .append(";Last").append(i).append('\n');
        }
        Path file = Files.writeString(dir.resolve("people;semicolons.csv"), csv);
        api.importAndWait(entity, file, null);

        ImportDetailScreen detail = openHistory(entity).openImport("people;semicolons.csv");
        assertEquals("COMPLETED", detail.status());
        assertEquals(30, detail.count("processed"));
        assertEquals(5, detail.count("added"));
        assertEquals(0, detail.count("updated"));
        assertEquals(25, detail.count("failed"));
        assertEquals("UTF-8", detail.fact("encoding"));
        assertEquals("';'", detail.option("delimiter"));
        assertEquals("1000", detail.option("maxErrors"));
        assertEquals("admin", detail.fact("created-by"));
        assertFalse(detail.fact("finished").isEmpty());
        assertFalse(detail.canCancel(), "a finished import cannot be cancelled");

        Screenshots.take(driver, "import-detail");
        List<Map<String, String>> firstPage = detail.failedRows();
        assertEquals(20, firstPage.size());
        assertEquals(Map.of("line", "7", "column", "email", "value", "not-an-email-6", "code", "INVALID_EMAIL"),
                withoutReason(firstPage.get(0)));
        assertTrue(firstPage.get(0).get("reason").contains("email"), firstPage.get(0).get("reason"));
        List<Map<String, String>> secondPage = detail.nextFailedRowsPage().failedRows();
        assertEquals(5, secondPage.size());
        assertEquals("31", secondPage.get(4).get("line"));

        String errors = detail.downloadErrors(downloads);
        List<String> lines = errors.replace("\uFEFF", "").lines().toList();
        assertEquals(26, lines.size(), errors);
        assertEquals("email;first_name;last_name;Error", lines.get(0));
        assertTrue(lines.get(1).startsWith("not-an-email-6;First6;Last6;"), lines.get(1));
        assertTrue(lines.get(25).startsWith("not-an-email-30;First30;Last30;"), lines.get(25));
    }

    @Test
    void downloadsEveryRowsOutcomeAndUndoesTheImportFromItsDetail(@TempDir Path dir) throws Exception {
        String entity = AppFixtures.uniqueEntity("undo");
        api.defineApp(ConsoleFixtures.contactsApp(entity));
        api.importAndWait(entity, Files.writeString(dir.resolve("first.csv"), "email,first_name,last_name\n"
                + "ann@example.com,Ann,Lee\nbob@example.com,Bob,Ray\ncid@example.com,Cid,Orr\n"), null);
        api.importAndWait(entity, Files.writeString(dir.resolve("second.csv"), "email,first_name,last_name\n"
                + "ann@example.com,Anne,\nbob@example.com,Bob,Ray\ndee@example.com,Dee,Fox\nnot-an-email,X,Y\n"),
                null);

        ImportDetailScreen second = openHistory(entity).openImport("second.csv");
        assertEquals(List.of(4, 1, 2, 1, 1), List.of(second.count("processed"), second.count("added"),
                second.count("updated"), second.count("failed"), second.count("unchanged")));
        List<String> results = second.downloadResults(downloads).replace("\uFEFF", "").lines().toList();
        assertEquals(5, results.size(), String.join("\n", results));
        assertEquals("Line,Outcome,Record,Reason", results.get(0));
        assertTrue(results.get(1).matches("2,updated,\\d+,"), results.get(1));
        assertTrue(results.get(2).matches("3,unchanged,\\d+,"), results.get(2));
        assertTrue(results.get(3).matches("4,added,\\d+,"), results.get(3));
        assertTrue(results.get(4).startsWith("5,failed,,\"email: 'not-an-email' is not an email address"),
                results.get(4));
        assertTrue(results.get(4).endsWith("(INVALID_EMAIL)\""), results.get(4));

        ImportDetailScreen undo = second.undo(false).awaitStatus("COMPLETED");
        assertEquals("Undo", undo.fact("kind"));
        assertEquals(List.of(1, 1, 0), List.of(undo.count("restored"), undo.count("deleted"),
                undo.count("conflicts")));
        assertFalse(undo.canUndo(), "an undo is not undone from the console");
        Screenshots.take(driver, "undo");
        assertEquals(Map.of("ann@example.com", "Ann Lee", "bob@example.com", "Bob Ray", "cid@example.com", "Cid Orr"),
                names(api.records(entity)));

        String undoId = undo.id();
        ImportDetailScreen undone = undo.openUndoOf();
        assertEquals(undoId, undone.undoneBy());
        String refusal = undone.undoRefused();
        assertTrue(refusal.contains("already undone"), refusal);
    }

    private static Map<String, String> names(List<Map<String, String>> records) {
        Map<String, String> names = new java.util.TreeMap<>();
        records.forEach(r -> names.put(r.get("email"), r.get("first_name") + " " + r.get("last_name")));
        return names;
    }

    @Test
    void whoMayImportButNotSeeHistoryFollowsOnlyTheirOwnImports(@TempDir Path dir) throws Exception {
        String entity = AppFixtures.uniqueEntity("own");
        api.defineApp(ConsoleFixtures.contactsApp(entity));
        String role = "imponly_" + entity;
        api.data("mutation($i: RoleInput!) { defineRole(input: $i) { name } }", Json.createObjectBuilder()
                .add("i", Json.createObjectBuilder().add("name", role).add("grants", Json.createArrayBuilder()
                        .add(Json.createObjectBuilder().add("entity", entity).add("canImport", true)
                                .add("canViewHistory", false)))).build());
        String user = "own_" + entity;
        ConsoleFixtures.saveUser(api, user, role);
        IntakeClient userApi = server.client(ConsoleFixtures.createToken(api, user));
        String theirs = userApi.importAndWait(entity, GeneratedFiles.contacts(dir.resolve("mine.csv"), 0, 10, 5),
                null).getString("importId");
        String others = api.importAndWait(entity, GeneratedFiles.contacts(dir.resolve("admins.csv"), 50, 10, 5),
                null).getString("importId");

        LoginScreen.open(driver, server.baseUri()).signIn(user, ConsoleFixtures.PASSWORD);
        driver.get(server.baseUri().resolve("/import-detail.xhtml?id=" + theirs).toString());
        ImportDetailScreen detail = new ImportDetailScreen(driver);
        assertEquals(2, detail.count("failed"));
        assertTrue(driver.findElements(By.id("back-to-history")).isEmpty(), "no history link without the right");
        assertEquals(3, detail.downloadErrors(downloads).replace("\uFEFF", "").lines().count());

        for (String path : List.of("/import-detail.xhtml?id=" + others, "/downloads/imports/" + others
                + "/errors.csv", "/history.xhtml?entity=" + entity)) {
            ErrorScreen refused = ErrorScreen.open(driver, server.baseUri(), path);
            assertEquals(403, refused.status(), path);
        }
    }

    @Test
    void countersOfARunningImportMoveWithoutReloadAndCancelStopsIt(@TempDir Path dir) throws Exception {
        String entity = AppFixtures.uniqueEntity("live");
        api.defineApp(ConsoleFixtures.contactsApp(entity));
        Path file = GeneratedFiles.contacts(dir.resolve("big.csv"), 0, 300_000, 0);
        String importId = api.startImport(entity, file, null);
        awaitProcessed(importId, 100);

        HistoryScreen history = openHistory(entity);
        ((JavascriptExecutor) driver).executeScript("window.intakeNoReload = true;");
        assertTrue(history.isPolling(), "the page polls while an import runs");
        int first = processedOnPage(history);
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> processedOnPage(history) > first);
        int later = processedOnPage(history);
        assertTrue(later > first, first + " then " + later);
        assertEquals(Boolean.TRUE, ((JavascriptExecutor) driver).executeScript("return window.intakeNoReload;"),
                "the counters moved without reloading the page");
        assertEquals(1, history.progress().size(), "a running import shows its progress bar");
        int percent = history.progress().get(0);
        assertTrue(percent >= 0 && percent < 100, "progress " + percent);
        Screenshots.take(driver, "history-running");

        ImportDetailScreen detail = history.openImport("big.csv");
        assertEquals("RUNNING", detail.status());
        assertTrue(detail.canCancel());
        detail.cancel().awaitStatus("CANCELLED");
        assertTrue(detail.message().startsWith("Cancelled at line"), detail.message());
        JsonObject job = api.job(importId);
        assertEquals("CANCELLED", job.getString("status"));
        assertTrue(job.getInt("processed") < 300_000, job.toString());
        assertEquals(job.getInt("processed"), detail.count("processed"));
        assertEquals(job.getInt("added"), detail.count("added"));
        assertFalse(detail.canCancel());
    }

    @Test
    void createsAndEditsAnAppWithItsFieldsAndDownloadsItsTemplate() throws Exception {
        String entity = AppFixtures.uniqueEntity("setup");
        LoginScreen.open(driver, server.baseUri()).signIn("admin", IntakeServer.ADMIN_PASSWORD);
        AppSetupScreen setup = AppSetupScreen.open(driver, server.baseUri()).startNew();
        setup.entity(entity).label("Suppliers").field(0, "Supplier Name", "Name", "TEXT", true).save();
        assertTrue(setup.messageFor("fields:0:field-name").contains("lower case letters"),
                setup.messageFor("fields:0:field-name"));

        setup.field(0, "name", null, "TEXT", true).addField().field(1, "vat_id", "VAT id", "TEXT", false)
                .matchRules("name\nvat_id, nothing").save();
        assertTrue(setup.messageFor("match-rules").contains("'nothing'"), setup.messageFor("match-rules"));
        setup.maxLength(1, "abc").save();
        String notANumber = setup.messageFor("fields:1:field-max-length");
        assertTrue(notANumber.contains("Max length must be a whole number from 1 to 2147483647")
                && !notANumber.contains("app-form"), notANumber);
        setup.maxLength(1, "0").save();
        assertTrue(setup.messageFor("fields:1:field-max-length").startsWith("Max length must be a whole number"),
                setup.messageFor("fields:1:field-max-length"));
        setup.maxLength(1, "").matchRules("vat_id\nname").save();
        assertTrue(setup.messageFor("save").contains(entity), setup.messageFor("save"));
        assertTrue(setup.apps().contains(entity));

        JsonObject stored = appOf(entity);
        assertEquals("Suppliers", stored.getString("label"));
        assertEquals(List.of("name:TEXT:true", "vat_id:TEXT:false"), fields(stored));

        setup = AppSetupScreen.open(driver, server.baseUri()).edit(entity);
        assertEquals("Suppliers", setup.label());
        assertEquals("vat_id\nname", setup.matchRules().replace(", ", ","));
        setup.label("Suppliers and partners").addField().field(2, "country", "Country", "CHOICE", false).save();
        assertTrue(setup.messageFor("fields:2:field-choices").contains("needs its choices"),
                setup.messageFor("fields:2:field-choices"));
        setup.field(2, null, null, "TEXT", true).save();
        assertTrue(setup.messageFor("save").contains(entity), setup.messageFor("save"));
        Screenshots.take(driver, "app-setup");
        stored = appOf(entity);
        assertEquals("Suppliers and partners", stored.getString("label"));
        assertEquals(List.of("name:TEXT:true", "vat_id:TEXT:false", "country:TEXT:true"), fields(stored));

        String template = AppSetupScreen.open(driver, server.baseUri()).downloadTemplate(entity, downloads);
        assertEquals("\uFEFFname,vat_id,country", template.strip());
    }

    @Test
    void dashboardChartsImportsAndRowsPerDay(@TempDir Path dir) throws Exception {
        String entity = AppFixtures.uniqueEntity("dash");
        api.defineApp(ConsoleFixtures.contactsApp(entity));
        Path file = GeneratedFiles.contacts(dir.resolve("dash.csv"), 0, 40, 10);
        api.importAndWait(entity, file, null);
        api.importAndWait(entity, file, null);
        LoginScreen.open(driver, server.baseUri()).signIn("admin", IntakeServer.ADMIN_PASSWORD);

        DashboardScreen dashboard = DashboardScreen.open(driver, server.baseUri());
        JsonObject imports = dashboard.chart("imports", entity);
        JsonArray labels = imports.getJsonObject("data").getJsonArray("labels");
        assertEquals(90, labels.size());
        assertEquals(LocalDate.now(ZoneOffset.UTC).toString(), labels.getString(89));
        JsonArray perDay = imports.getJsonObject("data").getJsonArray("datasets").getJsonObject(0)
                .getJsonArray("data");
        assertEquals(2, perDay.getInt(89));
        assertEquals(0, perDay.getInt(88));
        JsonArray rows = dashboard.chart("rows", entity).getJsonObject("data").getJsonArray("datasets");
        assertEquals("Added", rows.getJsonObject(0).getString("label"));
        assertEquals(36, rows.getJsonObject(0).getJsonArray("data").getInt(89));
        assertEquals(36, rows.getJsonObject(1).getJsonArray("data").getInt(89));
        assertEquals(8, rows.getJsonObject(2).getJsonArray("data").getInt(89));
        assertEquals(2, dashboard.total(entity, "imports"));
        assertEquals(8, dashboard.total(entity, "failed"));
        assertTrue(dashboard.isDrawn("imports", entity) && dashboard.isDrawn("rows", entity),
                "Chart.js, served by the application, drew both charts");
        dashboard.show(entity);
        Screenshots.take(driver, "dashboard");
    }

    @Test
    void aFailedAjaxRequestEndsOnTheErrorPageWithTheIncidentOfTheLog() throws Exception {
        String entity = AppFixtures.uniqueEntity("ajaxerr");
        api.defineApp(ConsoleFixtures.contactsApp(entity));
        HistoryScreen history = openHistory(entity);
        // The server no longer knows this view (as after a restart): the ajax request fails on the server.
        ((JavascriptExecutor) driver).executeScript("document.querySelectorAll("
                + "\"input[name='jakarta.faces.ViewState']\").forEach(function (s) { s.value = 'gone:1'; });");
        history.filterStatus("FAILED");
        driver.findElement(By.id("filter-form:apply-filter")).click();

        new WebDriverWait(driver, Duration.ofSeconds(15)).until(d -> d.getCurrentUrl().contains("/error.xhtml"));
        String incident = driver.findElement(By.id("incident-id")).getText().strip();
        assertTrue(incident.matches("[0-9a-f-]{36}"), incident);
        String log = Files.readString(server.log());
        assertTrue(log.contains("INTAKE-300 Console error, incident " + incident), "the log names the incident");
        Screenshots.take(driver, "error-page");
    }

    private HistoryScreen openHistory(String entity) {
        LoginScreen.open(driver, server.baseUri()).signIn("admin", IntakeServer.ADMIN_PASSWORD);
        driver.get(server.baseUri().resolve("/history.xhtml?entity=" + entity).toString());
        return new HistoryScreen(driver);
    }

    private static List<String> files(HistoryScreen history) {
        return history.rows().stream().map(row -> row.get("file")).toList();
    }

    private static int processedOnPage(HistoryScreen history) {
        return Integer.parseInt(history.rows().get(0).get("processed"));
    }

    private static Map<String, String> withoutReason(Map<String, String> row) {
        return Map.of("line", row.get("line"), "column", row.get("column"), "value", row.get("value"), "code",
                row.get("code"));
    }

    private static void awaitProcessed(String importId, int rows) throws Exception {
        for (int i = 0; i < 300; i++) {
            if (api.job(importId).getInt("processed") >= rows) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("Import " + importId + " did not get going");
    }

    private static JsonObject appOf(String entity) throws Exception {
        return api.data("query($e: String!) { app(entity: $e) { label fields { name type required } } }",
                Json.createObjectBuilder().add("e", entity).build()).getJsonObject("app");
    }

    private static List<String> fields(JsonObject app) {
        return app.getJsonArray("fields").stream().map(JsonObject.class::cast)
                .map(f -> f.getString("name") + ":" + f.getString("type") + ":" + f.getBoolean("required")).toList();
    }
}
