package dev.intake.api.graphql;

import dev.intake.api.error.ApiRefusal;
import dev.intake.api.error.Refusals;
import dev.intake.domain.access.AccessService;
import dev.intake.domain.access.Caller;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.SecurityContext;
import java.security.Principal;

/** The signed-in caller of the current request, as the authentication mechanism established it. */
@RequestScoped
public class CurrentCaller {

    @Inject
    SecurityContext security;

    @Inject
    AccessService access;

    private Caller caller;

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
