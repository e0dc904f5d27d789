package dev.intake.api.graphql;

import dev.intake.api.error.ApiRefusal;
import dev.intake.api.error.Refusals;
import dev.intake.domain.access.Permissions;
import dev.intake.domain.app.AppCatalog;
import dev.intake.domain.app.AppDefinition;
import dev.intake.domain.app.FieldDefinition;
import dev.intake.domain.app.InvalidDefinitionException;
import dev.intake.api.error.ReportsIncidents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

/** The app catalogue through GraphQL: reading apps, and defining one (administrators). */
@GraphQLApi
@ApplicationScoped
@ReportsIncidents
public class AppGraphQL {

    @Inject
    AppCatalog catalog;

    @Inject
    CurrentCaller caller;

    @Query("apps")
    @Description("Every app, by entity key.")
    public @NonNull List<@NonNull AppView> apps() throws ApiRefusal {
        Permissions permissions = caller.permissions();
        return catalog.all().stream().filter(app -> permissions.canSee(app.entity())).map(AppView::of).toList();
    }

    @Query("app")
    @Description("One app by its entity key, or null when there is none.")
    public AppView app(@NonNull @Name("entity") String entity) throws ApiRefusal {
        Permissions permissions = caller.permissions();
        return catalog.find(entity).filter(app -> permissions.canSee(app.entity())).map(AppView::of).orElse(null);
    }

    @Mutation("defineApp")
    @Description("Creates an app or replaces an existing app's definition (admin only). Records keep their values"
            + " by field name.")
    public @NonNull AppView defineApp(@NonNull @Name("input") AppInput input) throws ApiRefusal {
        caller.requireAdmin("defineApp");
        try {
            return AppView.of(catalog.define(toDefinition(input)));
        } catch (InvalidDefinitionException | NullPointerException e) {
            throw new Refusals.InvalidInput("The app definition was not stored: " + e.getMessage());
        }
    }

    private static AppDefinition toDefinition(AppInput input) {
        if (input.matchOn != null && input.matchOn.stream().anyMatch(List::isEmpty)) {
            throw new InvalidDefinitionException("A match rule of app '" + input.entity + "' is empty: each rule"
                    + " names at least one field.");
        }
        List<FieldDefinition> fields = input.fields.stream().map(AppGraphQL::toField).toList();
        return new AppDefinition(input.entity, input.label, fields, input.matchOn);
    }

    private static FieldDefinition toField(FieldInput field) {
        return new FieldDefinition(field.name, field.label, field.type, Boolean.TRUE.equals(field.required),
                Boolean.TRUE.equals(field.unique), field.maxLength, field.choices, field.reference);
    }
}
