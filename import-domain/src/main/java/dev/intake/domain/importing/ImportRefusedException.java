package dev.intake.domain.importing;

import java.util.List;

/**
 * An import request refused before anything was written: a header that does not fit the app, a file that is not
 * CSV, an unknown app. {@code code} is the stable error code clients see; {@code columns} names the offending
 * columns where there are any.
 */
public class ImportRefusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String code;
    private final List<String> columns;

    public ImportRefusedException(String code, String message) {
        this(code, message, List.of());
    }

    public ImportRefusedException(String code, String message, List<String> columns) {
        super(message);
        this.code = code;
        this.columns = List.copyOf(columns);
    }

    public String code() {
        return code;
    }

    public List<String> columns() {
        return columns;
    }
}
