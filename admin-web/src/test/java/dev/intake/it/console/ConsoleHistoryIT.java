package dev.intake.it.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.intake.it.IntakeClient;
import dev.intake.it.IntakeServer;
import jakarta.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/** The console in a real headless Chromium: sign in, open an app, read its import history. */
class ConsoleHistoryIT extends BrowserTest {

    private static IntakeServer server;

    @BeforeAll
    static void server() throws Exception {
        server = IntakeServer.shared();
    }

    @Test
    void showsAnApiImportWithItsCountsInTheAppsHistory(@TempDir Path dir) throws Exception {
        String entity = "console_" + System.nanoTime() % 1_000_000;
        String label = "Console " + entity;
        IntakeClient api = server.client();
        definePeopleApp(api, entity, label);
        Path file = dir.resolve("people.csv");
        Files.writeString(file, "email,name\na@example.com,A\nb@example.com,B\nnot-an-email,C\n");
        api.importAndWait(entity, file, null);

        AppsScreen apps = LoginScreen.open(driver, server.baseUri())
                .signIn("admin", IntakeServer.ADMIN_PASSWORD);
        assertEquals("admin", apps.signedInUser());
        AppScreen app = apps.openApp(label);
        assertEquals(label, app.title());
        assertEquals(2, app.recordRows().size());
        assertTrue(app.importButton().getLocation().getX() > 700, "Import sits at the top right");

        HistoryScreen history = app.openHistory();
        List<Map<String, String>> rows = history.rows();
        assertEquals(1, rows.size());
        Map<String, String> row = rows.get(0);
        assertEquals("people.csv", row.get("file"));
        assertEquals("COMPLETED", row.get("status"));
        assertEquals("3", row.get("processed"));
        assertEquals("2", row.get("added"));
        assertEquals("0", row.get("updated"));
        assertEquals("1", row.get("failed"));
        assertEquals("admin", row.get("created-by"));
        assertFalse(row.get("started").isEmpty());
        assertFalse(row.get("finished").isEmpty());
        assertTrue(row.get("kept-until").startsWith(LocalDate.now(ZoneOffset.UTC)
                .plusDays(90).toString()), row.get("kept-until"));
    }

    @Test
    void marksDryRunsUndosAndUndoneImportsAndCountsUnchangedRows(@TempDir Path dir) throws Exception {
        String entity = "console_undo_" + System.nanoTime() % 1_000_000;
        String label = "Console " + entity;
        IntakeClient api = server.client();
        definePeopleApp(api, entity, label);
        Path file = dir.resolve("people.csv");
        Files.writeString(file, "email,name\na@example.com,A\na@example.com,A\n");
        api.importAndWait(entity, file, Json.createObjectBuilder().add("dryRun", true).build());
        String imported = api.importAndWait(entity, file, null).getString("importId");
        api.data("mutation($id: ID!) { undoImport(importId: $id) { importId } }",
                Json.createObjectBuilder().add("id", imported).build());

        HistoryScreen history = LoginScreen.open(driver, server.baseUri())
                .signIn("admin", IntakeServer.ADMIN_PASSWORD).openApp(label).openHistory();

        List<Map<String, String>> rows = history.rows();
        assertEquals(List.of("Undo", "Import (undone)", "Dry run"), rows.stream().map(row -> row.get("kind"))
                .toList());
        assertEquals(List.of("1", "1", "1"), rows.stream().map(row -> row.get("updated")).toList());
        assertEquals(List.of("0", "1", "1"), rows.stream().map(row -> row.get("unchanged")).toList());
    }

    @Test
    void refusesAWrongPasswordAndKeepsPagesBehindTheLogin() {
        driver.get(server.baseUri().resolve("/history.xhtml?entity=contact").toString());
        assertTrue(driver.getCurrentUrl().endsWith("/login.xhtml"), driver.getCurrentUrl());

        LoginScreen login = LoginScreen.open(driver, server.baseUri());
        login.submit("admin", "wrong-password-1");
        assertTrue(driver.getCurrentUrl().contains("/login.xhtml"), driver.getCurrentUrl());
        assertTrue(driver.findElement(By.id("login-form")).getText().contains("not right"),
                driver.findElement(By.id("login-form")).getText());
    }

    /** An app of people with an email (the match key) and a name. */
    private static void definePeopleApp(IntakeClient api, String entity, String label) throws Exception {
        api.defineApp(Json.createObjectBuilder().add("entity", entity).add("label", label)
                .add("fields", Json.createArrayBuilder()
                        .add(Json.createObjectBuilder().add("name", "email").add("type", "EMAIL"))
                        .add(Json.createObjectBuilder().add("name", "name").add("type", "TEXT")))
                .add("matchOn", Json.createArrayBuilder().add(Json.createArrayBuilder().add("email"))).build());
    }
}
