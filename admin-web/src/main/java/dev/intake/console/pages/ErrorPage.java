package dev.intake.console.pages;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The console's error page: every server error shown to a person gets an incident id, logged with the cause, so
 * that what the person reports can be found in the log.
 */
@Named("errorPage")
@RequestScoped
public class ErrorPage {

    private static final Logger LOG = Logger.getLogger(ErrorPage.class.getName());

    @Inject
    HttpServletRequest request;

    private String incident;

    public String getIncident() {
        if (incident == null) {
            incident = UUID.randomUUID().toString();
            Object cause = request.getAttribute("jakarta.servlet.error.exception");
            Object uri = request.getAttribute("jakarta.servlet.error.request_uri");
            LOG.log(Level.SEVERE, "INTAKE-300 Console error, incident " + incident + " on " + uri,
                    cause instanceof Throwable thrown ? thrown : null);
        }
        return incident;
    }
}
