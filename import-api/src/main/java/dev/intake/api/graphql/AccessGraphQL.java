package dev.intake.api.graphql;

import dev.intake.api.error.ApiRefusal;
import dev.intake.api.error.Refusals;
import dev.intake.api.error.ReportsIncidents;
import dev.intake.api.graphql.AccessTypes.AuditEventView;
import dev.intake.api.graphql.AccessTypes.NewTokenView;
import dev.intake.api.graphql.AccessTypes.RoleInput;
import dev.intake.api.graphql.AccessTypes.RoleView;
import dev.intake.api.graphql.AccessTypes.TokenView;
import dev.intake.api.graphql.AccessTypes.UserInput;
import dev.intake.api.graphql.AccessTypes.UserView;
import dev.intake.domain.access.AccessAdministration;
import dev.intake.domain.access.AccessDeniedException;
import dev.intake.domain.access.Caller;
import dev.intake.domain.access.Grant;
import dev.intake.domain.access.InvalidAccessChangeException;
import dev.intake.domain.access.NewToken;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

/** Access management through GraphQL, for administrators who keep their set-up as code. */
@GraphQLApi
@ApplicationScoped
@ReportsIncidents
public class AccessGraphQL {

    @Inject
    AccessAdministration administration;

    @Inject
    CurrentCaller caller;

    @Inject
    Clock clock;

    @Mutation("defineRole")
    @Description("Creates a role or replaces its grants (admin only).")
    public @NonNull RoleView defineRole(@NonNull @Name("input") RoleInput input) throws ApiRefusal {
        Caller by = caller.get();
        List<Grant> grants = input.grants.stream()
                .map(grant -> new Grant(grant.entity, grant.canImport, grant.canViewHistory)).toList();
        return guarded(() -> RoleView.of(administration.defineRole(by, input.name, input.description, grants)));
    }

    @Mutation("saveUser")
    @Description("Creates a user or updates one's roles and password (admin only).")
    public @NonNull UserView saveUser(@NonNull @Name("input") UserInput input) throws ApiRefusal {
        Caller by = caller.get();
        return guarded(() -> UserView.of(administration.saveUser(by, input.username, input.password, input.roles)));
    }

    @Mutation("createToken")
    @Description("Creates an API token for yourself, or for any user (admin). The token acts with its owner's"
            + " permissions; it and its callback secret are shown only in this answer.")
    public @NonNull NewTokenView createToken(@NonNull @Name("name") String name, @Name("user") String user,
            @Name("expiresAt") Instant expiresAt) throws ApiRefusal {
        Caller by = caller.get();
        NewToken token = guarded(() -> administration.createToken(by, name, user, expiresAt));
        return new NewTokenView(token.id(), token.token(), token.callbackSecret());
    }

    @Mutation("revokeToken")
    @Description("Revokes a token at once: your own, or anyone's (admin). False when there is no such token.")
    public boolean revokeToken(@NonNull @Id @Name("id") String id) throws ApiRefusal {
        Caller by = caller.get();
        return guarded(() -> administration.revokeToken(by, id));
    }

    @Query("tokens")
    @Description("Your tokens, or a user's (admin), with their last use; never the secrets.")
    public @NonNull List<@NonNull TokenView> tokens(@Name("user") String user) throws ApiRefusal {
        Caller by = caller.get();
        Instant now = clock.instant();
        return guarded(() -> administration.tokens(by, user).stream().map(t -> TokenView.of(t, now)).toList());
    }

    @Query("users")
    @Description("Every user (admin only).")
    public @NonNull List<@NonNull UserView> users() throws ApiRefusal {
        Caller by = caller.get();
        return guarded(() -> administration.users(by).stream().map(UserView::of).toList());
    }

    @Query("roles")
    @Description("Every role with its grants.")
    public @NonNull List<@NonNull RoleView> roles() throws ApiRefusal {
        caller.get();
        return administration.roles().stream().map(RoleView::of).toList();
    }

    @Query("auditEvents")
    @Description("Changes to users, roles and tokens, newest first (admin only): `first` 1 to 1000 of them,"
            + " `before` the `id` of the event the page ends before.")
    public @NonNull List<@NonNull AuditEventView> auditEvents(@Name("first") @DefaultValue("100") Integer first,
            @Name("before") String before) throws ApiRefusal {
        Caller by = caller.get();
        Long beforeId = auditCursor(before);
        int size = PageSize.of(first, 100, 1000);
        return guarded(() -> administration.auditTrail(by, beforeId, size).stream().map(AuditEventView::of)
                .toList());
    }

    /** The event id an {@code auditEvents} page ends before: the {@code id} of an event this API gave out. */
    private static Long auditCursor(String before) throws ApiRefusal {
        if (before == null) {
            return null;
        }
        try {
            return Long.valueOf(before);
        } catch (NumberFormatException e) {
            throw new Refusals.InvalidInput("'before' is not the id of an audit event this API gave out.");
        }
    }

    /** Runs an administration step, answering refusals with the contract's codes. */
    private static <T> T guarded(Supplier<T> step) throws ApiRefusal {
        try {
            return step.get();
        } catch (AccessDeniedException e) {
            throw new Refusals.Forbidden(e.getMessage());
        } catch (InvalidAccessChangeException e) {
            throw new Refusals.InvalidInput(e.getMessage());
        }
    }
}
