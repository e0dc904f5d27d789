package dev.intake.console.pages;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;

/**
 * A token just created, with its callback secret, held only for the response that shows it: never in the view or
 * the session, so that no later request can show it again.
 */
@Named("freshToken")
@RequestScoped
public class FreshToken {

    private String name;
    private String value;
    private String callbackSecret;

    void hold(String tokenName, String token, String secret) {
        this.name = tokenName;
        this.value = token;
        this.callbackSecret = secret;
    }

    public boolean isPresent() {
        return value != null;
    }

    public String getName() {
        return name;
    }

    public String getValue() {
        return value;
    }

    /** The secret that signs the callbacks of this token's imports, shown once with the token. */
    public String getCallbackSecret() {
        return callbackSecret;
    }
}
