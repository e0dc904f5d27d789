package dev.intake.api.error;

import io.smallrye.graphql.api.ErrorCode;

/** One class per error code of the contract; see {@link ApiRefusal}. */
public final class Refusals {

    private Refusals() {
    }

    @ErrorCode("UNKNOWN_ENTITY")
    public static final class UnknownEntity extends ApiRefusal {
        private static final long serialVersionUID = 1L;

        public UnknownEntity(String message) {
            super(message);
        }
    }

    @ErrorCode("UNKNOWN_COLUMNS")
    public static final class UnknownColumns extends ApiRefusal {
        private static final long serialVersionUID = 1L;

        public UnknownColumns(String message) {
            super(message);
        }
    }

    @ErrorCode("MISSING_REQUIRED_COLUMNS")
    public static final class MissingRequiredColumns extends ApiRefusal {
        private static final long serialVersionUID = 1L;

        public MissingRequiredColumns(String message) {
            super(message);
        }
    }

    @ErrorCode("DUPLICATE_COLUMNS")
    public static final class DuplicateColumns extends ApiRefusal {
        private static final long serialVersionUID = 1L;

        public DuplicateColumns(String message) {
            super(message);
        }
    }

    @ErrorCode("INVALID_CSV")
    public static final class InvalidCsv extends ApiRefusal {
        private static final long serialVersionUID = 1L;

        public InvalidCsv(String message) {
            super(message);
        }
    }

    @ErrorCode("UPLOAD_TOO_LARGE")
    public static final class UploadTooLarge extends ApiRefusal {
        private static final long serialVersionUID = 1L;

        public UploadTooLarge(String message) {
            super(message);
        }
    }

    @ErrorCode("NOT_FOUND")
    public static final class NotFound extends ApiRefusal {
        private static final long serialVersionUID = 1L;

        public NotFound(String message) {
            super(message);
        }
    }

    @ErrorCode("FORBIDDEN")
    public static final class Forbidden extends ApiRefusal {
        private static final long serialVersionUID = 1L;

        public Forbidden(String message) {
            super(message);
        }
    }

    @ErrorCode("INVALID_OPTION")
    public static final class InvalidOption extends ApiRefusal {
        private static final long serialVersionUID = 1L;

        public InvalidOption(String message) {
            super(message);
        }
    }

    @ErrorCode("CALLBACK_NOT_ALLOWED")
    public static final class CallbackNotAllowed extends ApiRefusal {
        private static final long serialVersionUID = 1L;

        public CallbackNotAllowed(String message) {
            super(message);
        }
    }

    @ErrorCode("IDEMPOTENCY_KEY_REUSED")
    public static final class IdempotencyKeyReused extends ApiRefusal {
        private static final long serialVersionUID = 1L;

        public IdempotencyKeyReused(String message) {
            super(message);
        }
    }

    /** An import that cannot be undone; the message says why (running, dry run, already undone, expired). */
    @ErrorCode("UNDO_NOT_POSSIBLE")
    public static final class UndoNotPossible extends ApiRefusal {
        private static final long serialVersionUID = 1L;

        public UndoNotPossible(String message) {
            super(message);
        }
    }

    @ErrorCode("INVALID_INPUT")
    public static final class InvalidInput extends ApiRefusal {
        private static final long serialVersionUID = 1L;

        public InvalidInput(String message) {
            super(message);
        }
    }

    @ErrorCode("UNAUTHENTICATED")
    public static final class Unauthenticated extends ApiRefusal {
        private static final long serialVersionUID = 1L;

        public Unauthenticated(String message) {
            super(message);
        }
    }

    @ErrorCode("INTERNAL")
    public static final class Internal extends ApiRefusal {
        private static final long serialVersionUID = 1L;

        public Internal(String message) {
            super(message);
        }
    }
}
