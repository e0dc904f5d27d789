package dev.intake.domain.importing;

/** An upload that went past the configured size limit; nothing of it is kept. */
public class UploadTooLargeException extends ImportRefusedException {

    private static final long serialVersionUID = 1L;

    private final long limit;

    public UploadTooLargeException(long limit) {
        super("UPLOAD_TOO_LARGE", "The upload is larger than the limit of " + limit + " bytes ("
                + (limit / (1024 * 1024)) + " MB). Split the file or ask an administrator to raise"
                + " INTAKE_MAX_UPLOAD_MB.");
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }
}
