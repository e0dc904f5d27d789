package dev.intake.domain.access;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A person (or a system acting through a person's tokens) who signs in to the console and owns API tokens. The
 * password is kept only as a salted PBKDF2 hash; the roles decide what the user may do.
 */
@Entity
@Table(name = "user_account")
public class UserAccount {

    public static final String ADMIN_ROLE = "admin";

    @Id
    @Column(name = "username", length = 100)
    private String username;

    @Column(name = "password_hash", nullable = false)
    private String passwordHash;

    /** Role names separated by ','. */
    @Column(name = "roles", nullable = false, length = 1000)
    private String roles;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected UserAccount() {
    }

    public UserAccount(String username, String passwordHash, Set<String> roles, Instant createdAt) {
        this.username = username;
        this.passwordHash = passwordHash;
        this.roles = String.join(",", roles);
        this.createdAt = createdAt;
    }

    public String username() {
        return username;
    }

    String passwordHash() {
        return passwordHash;
    }

    void changePasswordHash(String hash) {
        this.passwordHash = hash;
    }

    void changeRoles(Set<String> newRoles) {
        this.roles = String.join(",", newRoles);
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Set<String> roles() {
        return roles.isBlank() ? Set.of() : new LinkedHashSet<>(Arrays.asList(roles.split(",")));
    }

    public boolean isAdmin() {
        return roles().contains(ADMIN_ROLE);
    }
}
