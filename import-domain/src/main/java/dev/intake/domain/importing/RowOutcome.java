package dev.intake.domain.importing;

/**
 * What became of one row of a file: its physical line, its outcome and the record it touched. {@code recordId} is
 * null for failed rows and for rows a dry run would have added (the record does not exist).
 */
public record RowOutcome(int line, Kind kind, Long recordId) {

    /**
     * The outcome of a row, stored as one character. {@code UNCHANGED} is an update whose values the record
     * already had: it counts as updated, so that {@code processed = added + updated + failed} holds.
     */
    public enum Kind {
        ADDED('A'), UPDATED('U'), UNCHANGED('N'), FAILED('F');

        private final char code;

        Kind(char code) {
            this.code = code;
        }

        public char code() {
            return code;
        }

        /** The word results.csv shows. */
        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static Kind of(char code) {
            for (Kind kind : values()) {
                if (kind.code == code) {
                    return kind;
                }
            }
            throw new IllegalArgumentException("No row outcome '" + code + "'");
        }
    }
}
