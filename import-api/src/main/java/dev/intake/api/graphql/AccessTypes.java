package dev.intake.api.graphql;

import dev.intake.domain.access.AccessRole;
import dev.intake.domain.access.ApiToken;
import dev.intake.domain.access.AuditEvent;
import dev.intake.domain.access.Grant;
import dev.intake.domain.access.UserAccount;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** The GraphQL types of access management: users, roles and their grants, tokens, the audit trail. */
final class AccessTypes {

    private AccessTypes() {
    }

    /** A role as an administrator sends it. */
    @Input("RoleInput")
    @Description("A role's whole definition; defining it again replaces its grants.")
    public static class RoleInput {
        @NonNull
        public String name;
        public String description;
        @NonNull
        public List<@NonNull GrantInput> grants;
    }

    /** One grant of a role. */
    @Input("GrantInput")
    @Description("What a role allows on one app, or on every app with entity \"*\".")
    public static class GrantInput {
        @NonNull
        public String entity;
        @NonNull
        public Boolean canImport;
        @NonNull
        public Boolean canViewHistory;
    }

    /** A user as an administrator sends it. */
    @Input("UserInput")
    @Description("Creates a user, or updates one's roles and, when given, password (at least 10 characters).")
    public static class UserInput {
        @NonNull
        public String username;
        public String password;
        @NonNull
        public List<@NonNull String> roles;
    }

    @Type("Grant")
    @Description("What a role allows on one app, or on every app (\"*\").")
    public record GrantView(@NonNull String entity, @NonNull Boolean canImport, @NonNull Boolean canViewHistory) {
        static GrantView of(Grant grant) {
            return new GrantView(grant.entity(), grant.canImport(), grant.canViewHistory());
        }
    }

    @Type("Role")
    @Description("A named set of grants that users hold; `admin` may do everything.")
    public record RoleView(@NonNull String name, String description, @NonNull Boolean builtIn,
            @NonNull List<@NonNull GrantView> grants) {
        static RoleView of(AccessRole role) {
            return new RoleView(role.name(), role.description(), role.builtIn(),
                    role.grants().stream().map(GrantView::of).toList());
        }
    }

    @Type("User")
    @Description("A person or system that signs in and owns API tokens.")
    public record UserView(@NonNull String username, @NonNull List<@NonNull String> roles,
            @NonNull Instant createdAt) {
        static UserView of(UserAccount user) {
            return new UserView(user.username(), List.copyOf(user.roles()), user.createdAt());
        }
    }

    @Type("NewToken")
    @Description("A token just created. `token` is shown this once and cannot be recovered: store it now.")
    public record NewTokenView(@Id @NonNull String id, @NonNull String token,
            @Description("The secret that signs the callbacks of imports started with this token (HMAC-SHA256 in"
                    + " X-Intake-Signature). Shown this once too; Intake keeps it to sign with.")
            String callbackSecret) {
    }

    @Type("Token")
    @Description("An API token as listed: never the secret itself.")
    public record TokenView(@Id @NonNull String id, @NonNull String name, @NonNull String user,
            @NonNull Instant createdAt, Instant expiresAt, Instant lastUsedAt, Instant revokedAt,
            @NonNull Boolean active) {
        static TokenView of(ApiToken token, Instant now) {
            return new TokenView(token.id(), token.name(), token.username(), token.createdAt(), token.expiresAt(),
                    token.lastUsedAt(), token.revokedAt(), token.isActive(now));
        }
    }

    @Type("AuditEvent")
    @Description("One change to users, roles or tokens: who made it, when, and what.")
    public record AuditEventView(@Id @NonNull String id, @NonNull Instant at, @NonNull String actor,
            @NonNull String action, @NonNull String subject, String detail) {
        static AuditEventView of(AuditEvent event) {
            return new AuditEventView(event.id().toString(), event.at(), event.actor(), event.action(),
                    event.subject(), event.detail());
        }
    }
}
