package dev.intake.api.graphql;

import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** A page of records. */
@Type("RecordPage")
@Description("A page of an app's records; `next` feeds `after`.")
public record RecordPage(@NonNull List<@NonNull RecordView> items, @NonNull Integer total, String next) {
}
