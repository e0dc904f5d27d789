package dev.intake.domain.access;

import dev.intake.domain.app.AppDefinition;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Who may do what: users, roles and their grants, API tokens, and the audit trail of every change to them.
 * Each operation checks its caller: managing users and roles is for administrators; a user manages their own
 * tokens, an administrator anyone's.
 */
@ApplicationScoped
public class AccessAdministration {

    private static final Logger LOG = Logger.getLogger(AccessAdministration.class.getName());
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,99}");
    private static final int MIN_PASSWORD = 10;

    @PersistenceContext(unitName = "intake")
    EntityManager em;

    @Inject
    AccessService access;

    @Inject
    Clock clock;

    /** The permissions the caller's roles add up to. */
    @Transactional
    public Permissions permissionsOf(Caller caller) {
        if (caller.isAdmin()) {
            return new Permissions(true, List.of());
        }
        List<Grant> grants = new ArrayList<>();
        for (String role : caller.roles()) {
            Optional.ofNullable(em.find(AccessRole.class, role)).ifPresent(found -> grants.addAll(found.grants()));
        }
        return new Permissions(false, grants);
    }

    /** Creates a user or updates one's roles and, when given, password. */
    @Transactional
    public UserAccount saveUser(Caller by, String username, String password, List<String> roles) {
        requireAdmin(by, "saveUser");
        requireName(username, "User name");
        Set<String> roleNames = knownRoles(roles);
        UserAccount user = em.find(UserAccount.class, username);
        if (user == null) {
            requirePassword(password, true);
            user = new UserAccount(username, Secrets.hashPassword(password), roleNames, clock.instant());
            em.persist(user);
            audit(by, "USER_CREATED", username, "roles " + roleNames);
            return user;
        }
        if (username.equals(by.username()) && user.isAdmin() && !roleNames.contains(UserAccount.ADMIN_ROLE)) {
            throw new InvalidAccessChangeException("You cannot take the admin role from yourself.");
        }
        user.changeRoles(roleNames);
        if (password != null) {
            requirePassword(password, false);
            user.changePasswordHash(Secrets.hashPassword(password));
        }
        audit(by, "USER_UPDATED", username, "roles " + roleNames + (password != null ? ", password changed" : ""));
        return user;
    }

    /** Creates a role or replaces its grants; {@code admin} itself cannot be changed. */
    @Transactional
    public AccessRole defineRole(Caller by, String name, String description, List<Grant> grants) {
        requireAdmin(by, "defineRole");
        requireName(name, "Role name");
        AccessRole role = em.find(AccessRole.class, name);
        if (UserAccount.ADMIN_ROLE.equals(name) || role != null && role.builtIn()) {
            throw new InvalidAccessChangeException("The built-in role '" + name + "' cannot be redefined; define a"
                    + " role of your own instead.");
        }
        grants.forEach(this::requireKnownApp);
        if (role == null) {
            role = new AccessRole(name, description, grants);
            em.persist(role);
        } else {
            role.replaceGrants(description, grants);
        }
        audit(by, "ROLE_DEFINED", name, describe(grants));
        return role;
    }

    /** Creates a token for the caller, or for another user when the caller is an administrator. */
    @Transactional
    public NewToken createToken(Caller by, String name, String forUser, Instant expiresAt) {
        String owner = forUser == null || forUser.isBlank() ? by.username() : forUser;
        if (!owner.equals(by.username())) {
            requireAdmin(by, "createToken for another user");
        }
        if (em.find(UserAccount.class, owner) == null) {
            throw new InvalidAccessChangeException("There is no user '" + owner + "'.");
        }
        if (name == null || name.isBlank() || name.length() > 255) {
            throw new InvalidAccessChangeException("A token needs a name of 1 to 255 characters, such as 'ERP'.");
        }
        if (expiresAt != null && !expiresAt.isAfter(clock.instant())) {
            throw new InvalidAccessChangeException("The token's expiry must lie in the future.");
        }
        NewToken token = access.createToken(owner, name.strip(), expiresAt);
        audit(by, "TOKEN_CREATED", owner + "/" + name.strip(), "id " + token.id()
                + (expiresAt == null ? ", no expiry" : ", expires " + expiresAt));
        return token;
    }

    /** Revokes a token at once; answers false when there is no such token. */
    @Transactional
    public boolean revokeToken(Caller by, String tokenId) {
        ApiToken token = em.find(ApiToken.class, tokenId);
        if (token == null || token.revokedAt() != null) {
            return false;
        }
        if (!token.username().equals(by.username())) {
            requireAdmin(by, "revokeToken of another user");
        }
        token.revoke(clock.instant());
        audit(by, "TOKEN_REVOKED", token.username() + "/" + token.name(), "id " + tokenId);
        return true;
    }

    @Transactional
    public List<ApiToken> tokens(Caller by, String ofUser) {
        String owner = ofUser == null || ofUser.isBlank() ? by.username() : ofUser;
        if (!owner.equals(by.username())) {
            requireAdmin(by, "tokens of another user");
        }
        return access.tokensOf(owner);
    }

    @Transactional
    public List<UserAccount> users(Caller by) {
        requireAdmin(by, "users");
        return em.createQuery("select u from UserAccount u order by u.username", UserAccount.class).getResultList();
    }

    @Transactional
    public List<AccessRole> roles() {
        return em.createQuery("select r from AccessRole r order by r.name", AccessRole.class).getResultList();
    }

    /** The newest audit events first, before the given id when there is one. */
    @Transactional
    public List<AuditEvent> auditTrail(Caller by, Long beforeId, int size) {
        requireAdmin(by, "auditEvents");
        String where = beforeId == null ? "" : " where e.id < :before";
        var query = em.createQuery("select e from AuditEvent e" + where + " order by e.id desc", AuditEvent.class);
        if (beforeId != null) {
            query.setParameter("before", beforeId);
        }
        return query.setMaxResults(size).getResultList();
    }

    /** Records in the audit trail that an administrator changed an application setting. */
    @Transactional
    public void recordSettingChange(Caller by, String setting, String detail) {
        requireAdmin(by, setting);
        audit(by, "SETTING_CHANGED", setting, detail);
    }

    private void audit(Caller by, String action, String subject, String detail) {
        long id = ((Number) em.createNativeQuery("select nextval('audit_event_ids')").getSingleResult()).longValue();
        em.persist(new AuditEvent(id, clock.instant(), by.username(), action, subject, detail));
        LOG.info(() -> "INTAKE-023 " + action + " " + subject + " by " + by.username());
    }

    private void requireKnownApp(Grant grant) {
        if (!Grant.ALL_APPS.equals(grant.entity()) && em.find(AppDefinition.class, grant.entity()) == null) {
            throw new InvalidAccessChangeException("A grant names app '" + grant.entity() + "', which does not"
                    + " exist; use an app's entity key, or \"*\" for all apps.");
        }
    }

    private Set<String> knownRoles(List<String> roles) {
        Set<String> names = new LinkedHashSet<>();
        for (String role : roles == null ? List.<String>of() : roles) {
            if (em.find(AccessRole.class, role) == null) {
                throw new InvalidAccessChangeException("There is no role '" + role + "'. Define it first.");
            }
            names.add(role);
        }
        return names;
    }

    static void requireAdmin(Caller by, String operation) {
        if (!by.isAdmin()) {
            throw new AccessDeniedException(operation + " needs the 'admin' role, which user '" + by.username()
                    + "' does not have.");
        }
    }

    private static void requireName(String name, String what) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidAccessChangeException(what + " '" + name + "' must be 1 to 100 letters, digits, '.',"
                    + " '_', '@' or '-', starting with a letter or digit.");
        }
    }

    private static void requirePassword(String password, boolean isNew) {
        if (password == null && isNew) {
            throw new InvalidAccessChangeException("A new user needs a password.");
        }
        if (password != null && password.length() < MIN_PASSWORD) {
            throw new InvalidAccessChangeException("A password needs at least " + MIN_PASSWORD + " characters.");
        }
    }

    private static String describe(List<Grant> grants) {
        return grants.stream().map(grant -> grant.entity() + ":" + (grant.canImport() ? "import" : "")
                + (grant.canImport() && grant.canViewHistory() ? "+" : "") + (grant.canViewHistory() ? "history" : ""))
                .toList().toString();
    }
}
