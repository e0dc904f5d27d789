package dev.intake.domain.importing;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/** Where a page of import history ends: the creation time and id of its last job, as an opaque string. */
public record HistoryCursor(Instant createdAt, String jobId) {

    public static HistoryCursor after(ImportJob job) {
        return new HistoryCursor(job.createdAt(), job.id());
    }

    public String encode() {
        String plain = createdAt.toEpochMilli() + ":" + createdAt.getNano() + ":" + jobId;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor a client sent back, or empty when it is not one of ours. */
    public static Optional<HistoryCursor> decode(String cursor) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split(":", 3);
            Instant at = Instant.ofEpochMilli(Long.parseLong(parts[0]))
                    .plusNanos(Integer.parseInt(parts[1]) % 1_000_000);
            return Optional.of(new HistoryCursor(at, parts[2]));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
