package dev.intake.api.upload;

import jakarta.servlet.http.HttpServletRequest;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The files received with the current request, by the handle that stands for each in the GraphQL variables.
 * Kept as a request attribute, so a handle from another request, or one made up, finds nothing.
 */
public final class ReceivedFiles {

    static final String ATTRIBUTE = ReceivedFiles.class.getName();

    private final Map<String, ReceivedFile> byHandle = new HashMap<>();

    void add(String handle, ReceivedFile file) {
        byHandle.put(handle, file);
    }

    Iterable<ReceivedFile> all() {
        return byHandle.values();
    }

    /** The file a handle stands for in the given request; taking it makes the caller its owner. */
    public static Optional<ReceivedFile> take(HttpServletRequest request, Upload upload) {
        Object files = request.getAttribute(ATTRIBUTE);
        if (!(files instanceof ReceivedFiles received) || upload == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(received.byHandle.remove(upload.handle()));
    }
}
