package dev.intake.domain.access;

import java.util.Set;

/** Who is making a request: the user a token or a console session belongs to, and that user's roles. */
public record Caller(String username, Set<String> roles) {

    public Caller {
        roles = Set.copyOf(roles);
    }

    public boolean isAdmin() {
        return roles.contains(UserAccount.ADMIN_ROLE);
    }
}
