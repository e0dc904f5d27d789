package dev.intake.domain.importing;

import java.nio.file.Path;
import java.util.Map;

/**
 * An import asked for: the app, the name to show for the file, where the uploaded bytes wait, how to read them
 * and who asks. {@code columnMapping}, when given, maps column indexes to field names as a person chose them in
 * the console; otherwise the header's names decide.
 */
public record ImportRequest(String entity, String fileName, Path upload, ImportOptions options, String requestedBy,
        Map<Integer, String> columnMapping) {

    public ImportRequest {
        columnMapping = columnMapping == null ? null : Map.copyOf(columnMapping);
    }

    /** An import whose header names its columns, as through the API. */
    public ImportRequest(String entity, String fileName, Path upload, ImportOptions options, String requestedBy) {
        this(entity, fileName, upload, options, requestedBy, null);
    }
}
