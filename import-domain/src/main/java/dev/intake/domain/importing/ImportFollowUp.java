package dev.intake.domain.importing;

/**
 * What an API client asks for beyond the import itself: an {@code idempotencyKey} that makes a resubmission of the
 * same request answer the job already started, and a {@code callbackUrl} that the finished job is posted to,
 * signed with the secret of the token {@code callbackTokenId}. Each may be null.
 */
public record ImportFollowUp(String idempotencyKey, String callbackUrl, String callbackTokenId) {

    /** The longest idempotency key accepted. */
    public static final int MAX_KEY_LENGTH = 200;

    /** Nothing beyond the import, as for imports started in the console. */
    public static ImportFollowUp none() {
        return new ImportFollowUp(null, null, null);
    }
}
