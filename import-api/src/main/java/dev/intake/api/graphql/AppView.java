package dev.intake.api.graphql;

import dev.intake.domain.app.AppDefinition;
import dev.intake.domain.app.MatchRule;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** The GraphQL face of an app. */
@Type("App")
@Description("An app of the CRM: its typed fields in display order and its ordered match rules.")
public record AppView(@NonNull String entity, @NonNull String label, @NonNull List<@NonNull FieldView> fields,
        @NonNull List<@NonNull List<@NonNull String>> matchOn) {

    static AppView of(AppDefinition app) {
        return new AppView(app.entity(), app.label(), app.fields().stream().map(FieldView::of).toList(),
                app.matchRules().stream().map(MatchRule::fields).toList());
    }
}
