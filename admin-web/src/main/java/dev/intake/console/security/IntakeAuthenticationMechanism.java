package dev.intake.console.security;

import dev.intake.domain.access.AccessService;
import dev.intake.domain.access.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The one way in, for both faces of Intake. The API ({@code /api/*}) takes only bearer tokens: no token, or a
 * bad, expired or revoked one, is answered 401 with {@code WWW-Authenticate: Bearer}; never a session cookie, so a
 * cross-site form cannot act for a signed-in user. The console signs in by form and keeps the user in the HTTP
 * session; a page asked for without a session goes to the login page.
 */
@ApplicationScoped
public class IntakeAuthenticationMechanism implements HttpAuthenticationMechanism {

    static final String SESSION_USER = "intake.user";

    private static final Logger LOG = Logger.getLogger(IntakeAuthenticationMechanism.class.getName());
    private static final String BEARER = "bearer ";

    @Inject
    AccessService access;

    @Inject
    LoginThrottle throttle;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
            HttpMessageContext context) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.startsWith("/api/")) {
            return bearer(request, response, context);
        }
        Credential credential = context.getAuthParameters().getCredential();
        if (context.isAuthenticationRequest() && credential instanceof UsernamePasswordCredential password) {
            return login(request, context, password);
        }
        Optional<Caller> signedIn = sessionCaller(request);
        if (signedIn.isPresent()) {
            return context.notifyContainerAboutLogin(signedIn.get().username(), signedIn.get().roles());
        }
        return isPublic(path) ? context.doNothing() : toLoginPage(request, response, context);
    }

    private AuthenticationStatus bearer(HttpServletRequest request, HttpServletResponse response,
            HttpMessageContext context) {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return unauthorized(response, context, "This API needs an API token: send 'Authorization: Bearer"
                    + " <token>'. An administrator creates tokens in the console.", null);
        }
        Optional<Caller> caller = access.authenticateToken(header.substring(BEARER.length()));
        if (caller.isEmpty()) {
            LOG.warning(() -> "INTAKE-200 API request with an unknown, expired or revoked token from "
                    + request.getRemoteAddr());
            return unauthorized(response, context, "The API token is unknown, expired or revoked.", "invalid_token");
        }
        return context.notifyContainerAboutLogin(caller.get().username(), caller.get().roles());
    }

    private AuthenticationStatus login(HttpServletRequest request, HttpMessageContext context,
            UsernamePasswordCredential credential) {
        String username = credential.getCaller();
        throttle.waitBeforeAttempt(username);
        Optional<Caller> caller = access.authenticatePassword(username, credential.getPasswordAsString());
        if (caller.isEmpty()) {
            throttle.recordFailure(username);
            LOG.warning(() -> "INTAKE-201 Failed console login for '" + username + "' from "
                    + request.getRemoteAddr());
            // No 401 error page here: the login form renders again with its message.
            return AuthenticationStatus.SEND_FAILURE;
        }
        throttle.recordSuccess(username);
        request.getSession(true);
        request.changeSessionId();
        HttpSession session = request.getSession();
        session.setAttribute(SESSION_USER, caller.get().username());
        return context.notifyContainerAboutLogin(caller.get().username(), caller.get().roles());
    }

    private Optional<Caller> sessionCaller(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        Object username = session == null ? null : session.getAttribute(SESSION_USER);
        return username instanceof String name ? access.callerOf(name) : Optional.empty();
    }

    private static boolean isPublic(String path) {
        return path.equals("/login.xhtml") || path.equals("/error.xhtml") || path.startsWith("/jakarta.faces.resource/")
                || path.startsWith("/resources/") || path.equals("/favicon.ico");
    }

    private static AuthenticationStatus toLoginPage(HttpServletRequest request, HttpServletResponse response,
            HttpMessageContext context) {
        try {
            response.sendRedirect(request.getContextPath() + "/login.xhtml");
            return AuthenticationStatus.SEND_CONTINUE;
        } catch (IOException e) {
            return context.responseUnauthorized();
        }
    }

    private static AuthenticationStatus unauthorized(HttpServletResponse response, HttpMessageContext context,
            String message, String oauthError) {
        try {
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            response.setHeader("WWW-Authenticate", "Bearer realm=\"intake\""
                    + (oauthError == null ? "" : ", error=\"" + oauthError + "\""));
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            response.getWriter().write(Json.createObjectBuilder().add("errors", Json.createArrayBuilder()
                    .add(Json.createObjectBuilder().add("message", message).add("extensions",
                            Json.createObjectBuilder().add("code", "UNAUTHENTICATED")))).build().toString());
            response.flushBuffer();
            return AuthenticationStatus.SEND_FAILURE;
        } catch (IOException e) {
            return context.responseUnauthorized();
        }
    }
}
