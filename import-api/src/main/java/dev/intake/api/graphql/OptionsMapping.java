package dev.intake.api.graphql;

import dev.intake.domain.importing.ImportOptions;
import dev.intake.domain.importing.ImportRefusedException;

/** Reads the GraphQL import options into the domain's, refusing values that cannot be meant. */
final class OptionsMapping {

    private OptionsMapping() {
    }

    static ImportOptions toDomain(ImportOptionsInput input) {
        if (input == null) {
            return ImportOptions.defaults();
        }
        return new ImportOptions(delimiter(input.delimiter), blankToNull(input.encoding),
                blankToNull(input.dateFormat), blankToNull(input.locale),
                Boolean.TRUE.equals(input.ignoreUnknownColumns),
                maxErrors(input.maxErrors)).withDryRun(Boolean.TRUE.equals(input.dryRun));
    }

    private static Character delimiter(String delimiter) {
        if (delimiter == null || delimiter.isEmpty()) {
            return null;
        }
        String actual = "\\t".equals(delimiter) ? "\t" : delimiter;
        if (actual.length() != 1 || actual.charAt(0) == '"' || actual.charAt(0) == '\n' || actual.charAt(0) == '\r') {
            throw new ImportRefusedException("INVALID_OPTION", "'delimiter' must be one character other than a quote"
                    + " or a line break, such as \",\" \";\" \"|\" or a tab; got '" + delimiter + "'.");
        }
        return actual.charAt(0);
    }

    private static int maxErrors(Integer maxErrors) {
        if (maxErrors == null) {
            return ImportOptions.DEFAULT_MAX_ERRORS;
        }
        if (maxErrors < 1) {
            throw new ImportRefusedException("INVALID_OPTION", "'maxErrors' must be 1 or more; got " + maxErrors + ".");
        }
        return maxErrors;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
