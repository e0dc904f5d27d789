package dev.intake.api.graphql;

import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** A page of import history. */
@Type("ImportJobPage")
@Description("A page of an app's import history, newest first; pass `next` as `after` for the following page.")
public record ImportJobPage(@NonNull List<@NonNull ImportJobView> items, @NonNull Integer total, String next) {
}
