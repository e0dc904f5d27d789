package dev.intake.console.pages;

import dev.intake.domain.access.AccessAdministration;
import dev.intake.domain.access.AccessService;
import dev.intake.domain.access.Caller;
import dev.intake.domain.access.Permissions;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;
import java.io.IOException;
import java.security.Principal;
import java.util.List;
import java.util.Set;

/**
 * What the signed-in user may do in the console, for pages to show only what is allowed and to refuse with 403
 * what is asked for by URL anyway.
 */
@Named("access")
@RequestScoped
public class ConsoleAccess {

    @Inject
    SecurityContext security;

    @Inject
    AccessService access;

    @Inject
    AccessAdministration administration;

    private Caller caller;
    private Permissions permissions;

    public Caller caller() {
        if (caller == null) {
            Principal principal = security.getCallerPrincipal();
            caller = principal == null ? new Caller("", Set.of())
                    : access.callerOf(principal.getName()).orElse(new Caller("", Set.of()));
        }
        return caller;
    }

    public Permissions permissions() {
        if (permissions == null) {
            permissions = caller().username().isEmpty() ? new Permissions(false, List.of())
                    : administration.permissionsOf(caller());
        }
        return permissions;
    }

    public boolean canImport(String entity) {
        return permissions().canImport(entity);
    }

    public boolean canViewHistory(String entity) {
        return permissions().canViewHistory(entity);
    }

    public boolean isAdmin() {
        return caller().isAdmin();
    }

    /** Ends the request with 403 unless the user may see the app's records and history; answers whether it may. */
    public boolean requireHistory(String entity) throws IOException {
        return canViewHistory(entity) || forbid("You may not see app '" + entity + "'.");
    }

    /**
     * Whether the user may follow one import: with the app's history right, or as the one who started it while
     * still allowed to import into the app (the rule of the API's importJob and errors.csv).
     */
    public boolean canFollow(String entity, String createdBy) {
        return permissions().canFollow(entity, caller().username().equals(createdBy));
    }

    /** Ends the request with 403 unless the user may follow the import; answers whether it may. */
    public boolean requireFollow(String entity, String createdBy) throws IOException {
        return canFollow(entity, createdBy) || forbid("You may not see this import of app '" + entity + "'.");
    }

    /** Ends the request with 403 unless the user may import into the app; answers whether it may. */
    public boolean requireImport(String entity) throws IOException {
        return canImport(entity) || forbid("You may not import into app '" + entity + "'.");
    }

    /** Ends the request with 403 unless the user is an administrator; answers whether they are. */
    public boolean requireAdmin() throws IOException {
        return isAdmin() || forbid("This page is for administrators.");
    }

    private static boolean forbid(String reason) throws IOException {
        FacesContext faces = FacesContext.getCurrentInstance();
        faces.getExternalContext().responseSendError(403, reason);
        faces.responseComplete();
        return false;
    }
}
