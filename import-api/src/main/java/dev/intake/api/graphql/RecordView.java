package dev.intake.api.graphql;

import dev.intake.domain.app.AppDefinition;
import dev.intake.domain.record.StoredRecord;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** The GraphQL face of a record. */
@Type("Record")
@Description("A record of an app with its values in the app's field order, as canonical text.")
public record RecordView(@Id @NonNull String id, @NonNull Instant createdAt, @NonNull Instant updatedAt,
        @NonNull List<@NonNull FieldValue> values) {

    static RecordView of(AppDefinition app, StoredRecord record) {
        List<FieldValue> values = app.fields().stream()
                .map(field -> new FieldValue(field.name(), record.values().get(field.name()))).toList();
        return new RecordView(Long.toString(record.id()), record.createdAt(), record.updatedAt(), values);
    }

    /** One field's value. */
    @Type("FieldValue")
    @Description("A field's value as canonical text: ISO dates, plain decimals; null when empty.")
    public record FieldValue(@NonNull String field, String value) {
    }
}
