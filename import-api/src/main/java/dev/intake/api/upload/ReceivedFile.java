package dev.intake.api.upload;

import java.nio.file.Path;

/** A file part of the current request, stored in the upload store, with the name the client gave it. */
public record ReceivedFile(Path path, String submittedName) {
}
