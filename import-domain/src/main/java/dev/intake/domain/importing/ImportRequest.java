package dev.intake.domain.importing;

import java.nio.file.Path;

/**
 * An import asked for: the app, the name to show for the file, where the uploaded bytes wait, how to read them
 * and who asks.
 */
public record ImportRequest(String entity, String fileName, Path upload, ImportOptions options, String requestedBy) {
}
