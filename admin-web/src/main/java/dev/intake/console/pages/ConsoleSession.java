package dev.intake.console.pages;

import dev.intake.domain.app.AppCatalog;
import dev.intake.domain.app.AppDefinition;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.security.Principal;
import java.util.List;

/** What every console page shows around its content: the signed-in user, the apps to navigate, logout. */
@Named("console")
@RequestScoped
public class ConsoleSession {

    @Inject
    SecurityContext security;

    @Inject
    AppCatalog catalog;

    @Inject
    FacesContext faces;

    @Inject
    ConsoleAccess access;

    private List<AppDefinition> apps;

    public String getUsername() {
        Principal principal = security.getCallerPrincipal();
        return principal == null ? "" : principal.getName();
    }

    public List<AppDefinition> getApps() {
        if (apps == null) {
            apps = catalog.all().stream().filter(app -> access.permissions().canSee(app.entity())).toList();
        }
        return apps;
    }

    public void signOut() throws IOException, ServletException {
        ExternalContext external = faces.getExternalContext();
        HttpServletRequest request = (HttpServletRequest) external.getRequest();
        request.logout();
        external.invalidateSession();
        external.redirect(external.getRequestContextPath() + "/login.xhtml");
        faces.responseComplete();
    }
}
