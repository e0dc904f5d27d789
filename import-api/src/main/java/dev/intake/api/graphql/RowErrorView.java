package dev.intake.api.graphql;

import dev.intake.domain.importing.RowError;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** The GraphQL face of a failed row. */
@Type("RowError")
@Description("A row that could not be applied: its physical line (the header is line 1), the column and raw value"
        + " at fault where there is one, a stable code and a sentence saying what to change.")
public record RowErrorView(@NonNull Integer line, String column, String value, @NonNull String code,
        @NonNull String message) {

    static RowErrorView of(RowError error) {
        return new RowErrorView(error.line(), error.column(), error.value(), error.code(), error.message());
    }
}
