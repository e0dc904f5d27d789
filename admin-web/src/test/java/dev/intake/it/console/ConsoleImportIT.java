package dev.intake.it.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.intake.it.AppFixtures;
import dev.intake.it.IntakeClient;
import dev.intake.it.IntakeServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A manual import in the browser: upload, mapping review, refusal, start, and the result in history and records. */
class ConsoleImportIT extends BrowserTest {

    @Test
    void importsWithARemappedAndAnIgnoredColumnAsTheSignedInUser(@TempDir Path dir) throws Exception {
        IntakeServer server = IntakeServer.shared();
        IntakeClient api = server.client();
        String entity = AppFixtures.uniqueEntity("manual");
        api.defineApp(ConsoleFixtures.peopleApp(entity));
        Path file = dir.resolve("people.csv");
        Files.writeString(file, "email,Contact person,Favourite colour\nann@example.com,Ann Smith,green\n"
                + "bob@example.com,Bob Jones,blue\nnot-an-email,Carl Cole,red\n");

        LoginScreen.open(driver, server.baseUri());
        Screenshots.take(driver, "login");
        AppsScreen apps = new LoginScreen(driver).signIn("admin", IntakeServer.ADMIN_PASSWORD);
        AppScreen app = apps.openApp("People " + entity);
        ImportScreen review = app.clickImport().upload(file);

        assertEquals(3, review.columnRows().size());
        assertEquals("Contact person", review.header(1));
        assertTrue(review.samples(1).contains("Ann Smith"), review.samples(1));
        assertEquals("email", review.chosenField(0), "suggested from the header");
        assertEquals("", review.chosenField(1));
        assertFalse(review.isUnmapped(0));
        assertTrue(review.isUnmapped(1) && review.isUnmapped(2));
        assertTrue(review.background(2).contains("253, 224, 224"), "unmapped is red: " + review.background(2));
        assertTrue(review.missingRequired().contains("Name"), review.missingRequired());

        review.mapColumn(1, "email");
        review = review.startRefused();
        assertTrue(review.mappingMessage().contains("same field"), review.mappingMessage());
        assertEquals(0, historySize(api, entity), "a refused mapping writes nothing");

        review.mapColumn(1, "full_name");
        assertFalse(review.isUnmapped(1));
        assertTrue(review.isUnmapped(2), "the colour column stays unmapped");
        assertEquals("", review.missingRequired());
        Screenshots.take(driver, "import-mapping-review");

        Map<String, String> job = awaitEnd(review.start());
        assertEquals("people.csv", job.get("file"));
        assertEquals("3", job.get("processed"));
        assertEquals("2", job.get("added"));
        assertEquals("0", job.get("updated"));
        assertEquals("1", job.get("failed"));
        assertEquals("admin", job.get("created-by"));
        Screenshots.take(driver, "history");

        List<Map<String, String>> records = api.records(entity);
        assertEquals(2, records.size());
        assertEquals("Ann Smith", records.get(0).get("full_name"));
        assertEquals("Bob Jones", records.get(1).get("full_name"));
        assertFalse(records.toString().contains("green"), "the unmapped column was ignored: " + records);
        driver.get(server.baseUri().resolve("/app.xhtml?entity=" + entity).toString());
        new AppScreen(driver);
        Screenshots.take(driver, "app-page");
    }

    @Test
    void refusesAnUploadOverTheLimitAndKeepsNoAbandonedFile(@TempDir Path dir) throws Exception {
        try (IntakeServer server = IntakeServer.start(Map.of("INTAKE_MAX_UPLOAD_MB", "1"))) {
            String entity = AppFixtures.uniqueEntity("limit");
            server.client().defineApp(ConsoleFixtures.peopleApp(entity));
            Path big = dir.resolve("big.csv");
            Files.writeString(big, "email,Name\n" + "someone@example.com,Someone\n".repeat(45_000));
            Path small = dir.resolve("small.csv");
            Files.writeString(small, "email,Name\nann@example.com,Ann\n");
            LoginScreen.open(driver, server.baseUri()).signIn("admin", IntakeServer.ADMIN_PASSWORD);

            ImportScreen screen = ImportScreen.open(driver, server.baseUri(), entity).upload(big);
            assertFalse(screen.isReviewing());
            assertTrue(screen.uploadMessage().contains("larger than the limit"), screen.uploadMessage());
            assertEquals(0, incomingFiles(server));

            screen = screen.upload(small);
            assertTrue(screen.isReviewing());
            assertEquals(1, incomingFiles(server), "kept while it is reviewed");
            screen.abandon();
            screen = new ImportScreen(driver);
            assertFalse(screen.isReviewing());
            assertEquals(0, incomingFiles(server), "discarded");
        }
    }

    private static long incomingFiles(IntakeServer server) throws Exception {
        Path incoming = server.dataDirectory().resolve("uploads").resolve("incoming");
        if (!Files.isDirectory(incoming)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(incoming)) {
            return files.count();
        }
    }

    /** Reloads the history until the newest import has ended, and answers its row. */
    private Map<String, String> awaitEnd(HistoryScreen history) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (true) {
            Map<String, String> row = history.rows().get(0);
            String status = row.get("status");
            if (!status.equals("QUEUED") && !status.equals("RUNNING")) {
                return row;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Import did not end: " + row);
            }
            Thread.sleep(300);
            driver.navigate().refresh();
            history = new HistoryScreen(driver);
        }
    }

    private static int historySize(IntakeClient api, String entity) throws Exception {
        return api.data("{ importJobs(entity: \"" + entity + "\") { total } }", null)
                .getJsonObject("importJobs").getInt("total");
    }
}
