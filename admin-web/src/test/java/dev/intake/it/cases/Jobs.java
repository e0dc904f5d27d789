package dev.intake.it.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Assertions on finished import jobs and on the records they leave. */
final class Jobs {

    private Jobs() {
    }

    /** Asserts processed / added / updated / failed in one message, with the whole job when they differ. */
    static void assertCounts(JsonObject job, int processed, int added, int updated, int failed) {
        assertEquals("COMPLETED", job.getString("status"), () -> "status of " + job);
        assertEquals(processed + "/" + added + "/" + updated + "/" + failed, counts(job),
                () -> "processed/added/updated/failed of " + job);
    }

    static String counts(JsonObject job) {
        return job.getInt("processed") + "/" + job.getInt("added") + "/" + job.getInt("updated") + "/"
                + job.getInt("failed");
    }

    /** The job's row errors as "line code column=value", in line order, for one readable comparison. */
    static List<String> errors(JsonObject job) {
        return job.getJsonArray("errors").stream().map(JsonValue::asJsonObject)
                .sorted((a, b) -> Integer.compare(a.getInt("line"), b.getInt("line")))
                .map(error -> error.getInt("line") + " " + error.getString("code") + " "
                        + (error.isNull("column") ? "" : error.getString("column")) + "="
                        + (error.isNull("value") ? "" : error.getString("value")))
                .toList();
    }

    /** The only record whose {@code field} holds {@code value}; fails when there is none or more than one. */
    static Map<String, String> only(List<Map<String, String>> records, String field, String value) {
        List<Map<String, String>> found = records.stream().filter(record -> value.equals(record.get(field)))
                .toList();
        assertEquals(1, found.size(), () -> "records with " + field + " = " + value + " among " + records);
        return found.get(0);
    }

    /** The values of one field over all records, sorted, nulls as "null". */
    static List<String> values(List<Map<String, String>> records, String field) {
        return records.stream().map(record -> String.valueOf(record.get(field))).sorted()
                .collect(Collectors.toList());
    }
}
