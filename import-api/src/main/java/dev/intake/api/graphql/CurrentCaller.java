package dev.intake.api.graphql;

import dev.intake.api.error.ApiRefusal;
import dev.intake.api.error.Refusals;
import dev.intake.domain.access.AccessService;
import dev.intake.domain.access.AccessAdministration;
import dev.intake.domain.access.Caller;
import dev.intake.domain.access.Permissions;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.SecurityContext;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.Optional;

/** The signed-in caller of the current request, as the authentication mechanism established it. */
@RequestScoped
public class CurrentCaller {

    @Inject
    SecurityContext security;

    @Inject
    AccessService access;

    @Inject
    AccessAdministration administration;

    @Inject
    HttpServletRequest request;

    private Caller caller;
    private Permissions permissions;

    public Caller get() throws ApiRefusal {
        if (caller == null) {
            Principal principal = security.getCallerPrincipal();
            if (principal == null) {
                throw new Refusals.Unauthenticated("Send a valid API token as 'Authorization: Bearer <token>'.");
            }
            caller = access.callerOf(principal.getName())
                    .orElseThrow(() -> new Refusals.Unauthenticated("The token's user no longer exists."));
        }
        return caller;
    }

    /** The id of the API token this request came with; empty for console sessions. */
    public Optional<String> tokenId() {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        return access.tokenIdOf(header.substring(7));
    }

    public Permissions permissions() throws ApiRefusal {
        if (permissions == null) {
            permissions = administration.permissionsOf(get());
        }
        return permissions;
    }

    /** Refuses callers who may not import into the app, naming the permission they lack. */
    public Caller requireImport(String entity) throws ApiRefusal {
        if (!permissions().canImport(entity)) {
            throw new Refusals.Forbidden("Importing into '" + entity + "' needs the 'import' permission on that app,"
                    + " which user '" + get().username() + "' does not have. An administrator grants it in a role.");
        }
        return get();
    }

    /** Refuses callers who may not see the app's records and import history. */
    public Caller requireHistory(String entity) throws ApiRefusal {
        if (!permissions().canViewHistory(entity)) {
            throw new Refusals.Forbidden("Seeing the records and import history of '" + entity + "' needs the"
                    + " 'view history' permission on that app, which user '" + get().username() + "' does not have.");
        }
        return get();
    }

    /**
     * Refuses callers who may not follow this import: those who may see the app's history may, and so may the
     * user who started it while they still may import into the app, so that an import-only integration can see
     * how its own imports went.
     */
    public Caller requireJob(String entity, String createdBy) throws ApiRefusal {
        Caller current = get();
        if (permissions().canFollow(entity, current.username().equals(createdBy))) {
            return current;
        }
        return requireHistory(entity);
    }

    /**
     * Refuses callers who may not change this import (cancel or undo it): they need the import permission on the
     * app and must be able to follow the import, so that an import-only user changes only the imports they started.
     */
    public Caller requireChange(String entity, String createdBy) throws ApiRefusal {
        requireImport(entity);
        return requireJob(entity, createdBy);
    }

    /** Refuses callers who are not administrators, naming the permission they lack. */
    public Caller requireAdmin(String operation) throws ApiRefusal {
        Caller current = get();
        if (!current.isAdmin()) {
            throw new Refusals.Forbidden(operation + " needs the 'admin' role, which user '" + current.username()
                    + "' does not have.");
        }
        return current;
    }
}
