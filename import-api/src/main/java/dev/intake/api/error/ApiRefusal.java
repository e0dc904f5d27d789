package dev.intake.api.error;

import dev.intake.domain.importing.ImportRefusedException;

/**
 * A request the API refuses, answered as a GraphQL error whose {@code extensions.code} is the stable code of the
 * contract. It is a checked exception so that the GraphQL runtime shows its message instead of masking it; each
 * code is a subclass, because the runtime reads the code from the class's {@code @ErrorCode}.
 */
public abstract class ApiRefusal extends Exception {

    private static final long serialVersionUID = 1L;

    protected ApiRefusal(String message) {
        super(message);
    }

    /** The refusal for a domain code; an unknown code is a bug and becomes a plain invalid-input refusal. */
    public static ApiRefusal of(String code, String message) {
        return switch (code) {
            case "UNKNOWN_ENTITY" -> new Refusals.UnknownEntity(message);
            case "UNKNOWN_COLUMNS" -> new Refusals.UnknownColumns(message);
            case "MISSING_REQUIRED_COLUMNS" -> new Refusals.MissingRequiredColumns(message);
            case "DUPLICATE_COLUMNS" -> new Refusals.DuplicateColumns(message);
            case "INVALID_CSV" -> new Refusals.InvalidCsv(message);
            case "UPLOAD_TOO_LARGE" -> new Refusals.UploadTooLarge(message);
            case "NOT_FOUND" -> new Refusals.NotFound(message);
            case "FORBIDDEN" -> new Refusals.Forbidden(message);
            case "INVALID_OPTION" -> new Refusals.InvalidOption(message);
            case "CALLBACK_NOT_ALLOWED" -> new Refusals.CallbackNotAllowed(message);
            case "IDEMPOTENCY_KEY_REUSED" -> new Refusals.IdempotencyKeyReused(message);
            case "UNDO_NOT_POSSIBLE" -> new Refusals.UndoNotPossible(message);
            default -> new Refusals.InvalidInput(message);
        };
    }

    public static ApiRefusal of(ImportRefusedException refused) {
        return of(refused.code(), refused.getMessage());
    }
}
