package dev.intake.api.graphql;

import dev.intake.domain.app.FieldDefinition;
import dev.intake.domain.app.FieldType;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** The GraphQL face of an app's field. */
@Type("Field")
@Description("A typed field of an app: a CSV column matches it by `name` or `label`.")
public record FieldView(@NonNull String name, @NonNull String label, @NonNull FieldType type,
        @NonNull Boolean required, @NonNull Boolean unique, Integer maxLength, @NonNull List<@NonNull String> choices,
        String reference) {

    static FieldView of(FieldDefinition field) {
        return new FieldView(field.name(), field.label(), field.type(), field.required(), field.unique(),
                field.maxLength(), field.choices(), field.reference());
    }
}
