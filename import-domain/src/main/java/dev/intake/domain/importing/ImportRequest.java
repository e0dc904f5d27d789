package dev.intake.domain.importing;

import java.nio.file.Path;
import java.util.Map;

/**
 * An import asked for: the app, the name to show for the file, where the uploaded bytes wait, how to read them
 * and who asks. {@code columnMapping}, when given, maps column indexes to field names as a person chose them in
 * the console; otherwise the header's names decide. A blank file name becomes {@value #DEFAULT_FILE_NAME}.
 */
public record ImportRequest(String entity, String fileName, Path upload, ImportOptions options, String requestedBy,
        Map<Integer, String> columnMapping) {

    /** The longest name the history keeps for a file. */
    public static final int MAX_FILE_NAME_LENGTH = 500;

    /** The name the history shows for an upload that came with no name at all. */
    public static final String DEFAULT_FILE_NAME = "upload.csv";

    public ImportRequest {
        fileName = fileName == null || fileName.isBlank() ? DEFAULT_FILE_NAME : fileName;
        columnMapping = columnMapping == null ? null : Map.copyOf(columnMapping);
    }

    /** An import whose header names its columns, as through the API. */
    public ImportRequest(String entity, String fileName, Path upload, ImportOptions options, String requestedBy) {
        this(entity, fileName, upload, options, requestedBy, null);
    }
}
