package dev.intake.console.pages;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;

/**
 * A token just created, held only for the response that shows it: never in the view or the session, so that no
 * later request can show it again.
 */
@Named("freshToken")
@RequestScoped
public class FreshToken {

    private String name;
    private String value;

    void hold(String tokenName, String token) {
        this.name = tokenName;
        this.value = token;
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
}
