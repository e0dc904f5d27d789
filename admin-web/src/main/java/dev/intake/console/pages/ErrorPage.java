package dev.intake.console.pages;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.primefaces.application.exceptionhandler.ExceptionInfo;

/**
 * The console's error page, for page requests and, through PrimeFaces' exception handler, ajax requests:
 * every server error shown to a person gets an incident id, logged with the cause, so
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
            Throwable ajaxCause = takeAjaxFailure();
            if (cause == null && ajaxCause != null) {
                cause = ajaxCause;
                uri = "a console request";
            }
            LOG.log(Level.SEVERE, "INTAKE-300 Console error, incident " + incident + " on " + uri,
                    cause instanceof Throwable thrown ? thrown : null);
        }
        return incident;
    }

    /**
     * The failure of an ajax request, which PrimeFaces' exception handler keeps in the session when it redirects
     * here; taken out so that a later visit of this page does not report it again.
     */
    private Throwable takeAjaxFailure() {
        HttpSession session = request.getSession(false);
        Object info = session == null ? null : session.getAttribute(ExceptionInfo.ATTRIBUTE_NAME);
        if (info instanceof ExceptionInfo failure) {
            session.removeAttribute(ExceptionInfo.ATTRIBUTE_NAME);
            return failure.getException();
        }
        return null;
    }
}
