package dev.intake.domain.importing;

import dev.intake.domain.config.IntakeSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Where uploaded files wait for their import: a directory under {@code INTAKE_DATA} that every node can read.
 * Files arrive under a random name, are renamed after the job that owns them, and are removed when it ends.
 */
@ApplicationScoped
public class UploadStore {

    private static final Logger LOG = Logger.getLogger(UploadStore.class.getName());

    @Inject
    IntakeSettings settings;

    /**
     * Streams an upload to the store and answers where it is; more than {@code limit} bytes refuses it and keeps
     * nothing.
     */
    public Path receive(InputStream content, long limit) throws IOException {
        Path target = incoming().resolve(UUID.randomUUID() + ".upload");
        try (InputStream in = content; var out = Files.newOutputStream(target)) {
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                total += read;
                if (total > limit) {
                    throw new UploadTooLargeException(limit);
                }
                out.write(buffer, 0, read);
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(target);
            throw e;
        }
        return target;
    }

    /**
     * Removes received uploads that no job or console review took within a day: what a crashed server or an
     * abandoned browser left behind. Uploads owned by jobs are not in the incoming folder.
     */
    public int removeStaleIncoming(Instant now) {
        int removed = 0;
        try (Stream<Path> files = Files.list(incoming())) {
            for (Path file : files.toList()) {
                if (Files.getLastModifiedTime(file).toInstant().isBefore(now.minus(Duration.ofDays(1)))) {
                    Files.deleteIfExists(file);
                    removed++;
                }
            }
        } catch (IOException e) {
            LOG.warning(() -> "INTAKE-031 Stale uploads could not be removed: " + e.getMessage());
        }
        return removed;
    }

    /** Gives a received upload to its job. */
    public Path keepFor(String jobId, Path upload) {
        try {
            Path target = settings.uploadDirectory().resolve(jobId + ".csv");
            return Files.move(upload, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not keep the upload for import " + jobId, e);
        }
    }

    public void discard(Path upload) {
        if (upload == null) {
            return;
        }
        try {
            Files.deleteIfExists(upload);
        } catch (IOException e) {
            LOG.warning(() -> "INTAKE-030 Could not remove stored upload " + upload + ": " + e.getMessage());
        }
    }

    private Path incoming() throws IOException {
        Path directory = settings.uploadDirectory().resolve("incoming");
        Files.createDirectories(directory);
        return directory;
    }
}
