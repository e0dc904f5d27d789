package dev.intake.domain.callback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.intake.domain.importing.ImportJob;
import dev.intake.domain.importing.ImportOptions;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CallbackPayloadTest {

    @Test
    void carriesTheFieldsOfTheImportJobQueryWithTimesInIsoAndAbsentValuesAsNull() {
        Instant created = Instant.parse("2026-12-04T12:00:00.123Z");
        ImportJob job = new ImportJob("contact", "people.csv", "erp", ImportOptions.defaults(), "UTF-8", created,
                Instant.parse("2027-03-04T12:00:00Z"));

        JsonObject body = Json.createReader(new ByteArrayInputStream(CallbackPayload.of(job))).readObject();

        assertEquals(job.id(), body.getString("importId"));
        assertEquals("contact", body.getString("entity"));
        assertEquals("people.csv", body.getString("file"));
        assertEquals("QUEUED", body.getString("status"));
        assertEquals(0, body.getInt("processed"));
        assertEquals(0, body.getInt("added"));
        assertEquals(0, body.getInt("updated"));
        assertEquals(0, body.getInt("failed"));
        assertEquals("erp", body.getString("createdBy"));
        assertEquals("2026-12-04T12:00:00.123Z", body.getString("createdAt"));
        assertTrue(body.isNull("startedAt"));
        assertTrue(body.isNull("finishedAt"));
        assertEquals("2027-03-04T12:00:00Z", body.getString("expiresAt"));
        assertEquals("UTF-8", body.getString("encoding"));
        assertTrue(body.isNull("message"));
        assertFalse(body.getBoolean("dryRun"));
        assertEquals(0, body.getInt("unchanged"));
        assertEquals("IMPORT", body.getString("kind"));
        assertTrue(body.isNull("undoOf"));
        assertTrue(body.isNull("undoneBy"));
        assertEquals(0, body.getInt("restored"));
        assertEquals(0, body.getInt("deleted"));
        assertEquals(0, body.getInt("conflicts"));
        assertEquals(23, body.size());
    }

    @Test
    void saysADryRunIsOne() {
        ImportJob job = new ImportJob("contact", "people.csv", "erp", ImportOptions.defaults().withDryRun(true),
                "UTF-8", Instant.parse("2026-12-04T12:00:00Z"), Instant.parse("2027-03-04T12:00:00Z"));

        JsonObject body = Json.createReader(new ByteArrayInputStream(CallbackPayload.of(job))).readObject();

        assertTrue(body.getBoolean("dryRun"));
        assertEquals("IMPORT", body.getString("kind"));
    }
}
