package dev.intake.console.pages;

import dev.intake.domain.access.AccessAdministration;
import dev.intake.domain.access.AccessDeniedException;
import dev.intake.domain.access.ApiToken;
import dev.intake.domain.access.InvalidAccessChangeException;
import dev.intake.domain.access.NewToken;
import dev.intake.domain.access.UserAccount;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * A user's API tokens: list, create (the token is shown once, in the response that creates it) and revoke. An
 * administrator chooses whose tokens to manage.
 */
@Named("tokensPage")
@ViewScoped
public class TokensPage implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final String NAME_INPUT = "tokens-form:name";
    private static final String EXPIRES_INPUT = "tokens-form:expires";
    private static final String OWNER_INPUT = "tokens-form:owner";

    @Inject
    transient AccessAdministration administration;

    @Inject
    transient ConsoleAccess access;

    @Inject
    transient FreshToken fresh;

    @Inject
    transient Clock clock;

    private String owner;
    private List<String> users = List.of();
    private List<TokenRow> tokens = List.of();
    private String name;
    private LocalDate expiresOn;

    /** Called by the view's viewAction: the signed-in user's own tokens first. */
    public void load() {
        owner = access.caller().username();
        if (access.isAdmin()) {
            users = administration.users(access.caller()).stream().map(UserAccount::username).toList();
        }
        refresh();
    }

    /** Shows the tokens of the user just chosen. */
    public void ownerChanged() {
        refresh();
    }

    public void create() {
        FacesContext faces = FacesContext.getCurrentInstance();
        Instant expiresAt = expiresOn == null ? null : expiresOn.atStartOfDay(ZoneOffset.UTC).toInstant();
        try {
            NewToken created = administration.createToken(access.caller(), name, owner, expiresAt);
            fresh.hold(name.strip(), created.token(), created.callbackSecret());
            name = null;
            expiresOn = null;
        } catch (InvalidAccessChangeException e) {
            FieldMessages.show(faces, e.getMessage(), List.of(Map.entry("expiry", EXPIRES_INPUT),
                    Map.entry("no user", OWNER_INPUT)), NAME_INPUT);
        } catch (AccessDeniedException e) {
            FieldMessages.error(faces, OWNER_INPUT, e.getMessage());
        }
        refresh();
    }

    public void revoke(String tokenId) {
        try {
            administration.revokeToken(access.caller(), tokenId);
        } catch (AccessDeniedException e) {
            FieldMessages.error(FacesContext.getCurrentInstance(), "tokens-form:tokens", e.getMessage());
        }
        refresh();
    }

    private void refresh() {
        Instant now = clock.instant();
        tokens = administration.tokens(access.caller(), owner).stream().map(token -> TokenRow.of(token, now))
                .toList();
    }

    /** The earliest expiry a new token may have: a token that expires today would be over before it is used. */
    public LocalDate getTomorrow() {
        return LocalDate.now(clock.withZone(ZoneOffset.UTC)).plusDays(1);
    }

    public boolean isAdmin() {
        return access.isAdmin();
    }

    public String getOwner() {
        return owner;
    }

    public void setOwner(String owner) {
        this.owner = owner;
    }

    public List<String> getUsers() {
        return users;
    }

    public List<TokenRow> getTokens() {
        return tokens;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public LocalDate getExpiresOn() {
        return expiresOn;
    }

    public void setExpiresOn(LocalDate expiresOn) {
        this.expiresOn = expiresOn;
    }

    /** A token as listed: never its secret, which is not stored. */
    public record TokenRow(String id, String name, String created, String expires, String lastUsed, String status)
            implements Serializable {

        static TokenRow of(ApiToken token, Instant now) {
            String status = token.revokedAt() != null ? "revoked" : token.isActive(now) ? "active" : "expired";
            return new TokenRow(token.id(), token.name(), Times.format(token.createdAt()),
                    Times.format(token.expiresAt()), Times.format(token.lastUsedAt()), status);
        }

        public boolean revocable() {
            return !"revoked".equals(status);
        }
    }
}
