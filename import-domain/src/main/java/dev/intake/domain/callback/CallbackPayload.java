package dev.intake.domain.callback;

import dev.intake.domain.importing.ImportJob;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The body of a callback: the finished job as JSON, with the fields and names of the {@code importJob} query
 * (times as ISO-8601 in UTC, absent values as null). Built from the stored job, which no longer changes once it has
 * ended, so every attempt sends the same bytes.
 */
public final class CallbackPayload {

    /** Looked up once: the JSON-P lookup scans the class path on every call otherwise. */
    private static final JsonProvider JSON = JsonProvider.provider();

    private CallbackPayload() {
    }

    public static byte[] of(ImportJob job) {
        JsonObjectBuilder body = JSON.createObjectBuilder().add("importId", job.id()).add("entity", job.entity())
                .add("file", job.fileName()).add("status", job.status().name()).add("processed", job.processed())
                .add("added", job.added()).add("updated", job.updated()).add("failed", job.failed())
                .add("createdBy", job.createdBy());
        time(body, "createdAt", job.createdAt());
        time(body, "startedAt", job.startedAt());
        time(body, "finishedAt", job.finishedAt());
        time(body, "expiresAt", job.expiresAt());
        text(body, "encoding", job.encoding());
        text(body, "message", job.message());
        body.add("dryRun", job.dryRun()).add("unchanged", job.unchanged()).add("kind", job.kind().name());
        text(body, "undoOf", job.undoOf());
        text(body, "undoneBy", job.undoneBy());
        body.add("restored", job.restored()).add("deleted", job.deleted()).add("conflicts", job.conflicts());
        return body.build().toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void time(JsonObjectBuilder body, String name, Instant value) {
        text(body, name, value == null ? null : value.toString());
    }

    private static void text(JsonObjectBuilder body, String name, String value) {
        if (value == null) {
            body.addNull(name);
        } else {
            body.add(name, value);
        }
    }
}
