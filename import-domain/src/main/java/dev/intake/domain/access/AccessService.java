package dev.intake.domain.access;

import dev.intake.domain.config.IntakeSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Signs callers in, by console password or by API token, and keeps users and their tokens. On first start it
 * creates the bootstrap {@code admin} with the configured password and token, or generated ones that it prints
 * once and stores readable only by the owner.
 */
@ApplicationScoped
public class AccessService {

    private static final Logger LOG = Logger.getLogger(AccessService.class.getName());

    /** A token's last use is written at most this often, so that every API call is not also a write. */
    private static final Duration LAST_USE_PRECISION = Duration.ofMinutes(1);

    @PersistenceContext(unitName = "intake")
    EntityManager em;

    @Inject
    IntakeSettings settings;

    @Inject
    Clock clock;

    /** The caller a bearer token stands for, when the token exists, is not revoked and has not expired. */
    @Transactional
    public Optional<Caller> authenticateToken(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        List<ApiToken> found = em.createQuery("select t from ApiToken t where t.tokenHash = :hash", ApiToken.class)
                .setParameter("hash", Secrets.hashToken(token.strip())).getResultList();
        Instant now = clock.instant();
        if (found.isEmpty() || !found.get(0).isActive(now)) {
            return Optional.empty();
        }
        ApiToken apiToken = found.get(0);
        if (apiToken.lastUsedAt() == null || apiToken.lastUsedAt().plus(LAST_USE_PRECISION).isBefore(now)) {
            apiToken.markUsed(now);
        }
        return callerOf(apiToken.username());
    }

    /** The caller a console login stands for, when the password matches. */
    @Transactional
    public Optional<Caller> authenticatePassword(String username, String password) {
        if (username == null || password == null) {
            return Optional.empty();
        }
        UserAccount user = em.find(UserAccount.class, username.strip());
        if (user == null || !Secrets.passwordMatches(password, user.passwordHash())) {
            return Optional.empty();
        }
        return Optional.of(new Caller(user.username(), user.roles()));
    }

    @Transactional
    public Optional<Caller> callerOf(String username) {
        UserAccount user = em.find(UserAccount.class, username);
        return user == null ? Optional.empty() : Optional.of(new Caller(user.username(), user.roles()));
    }

    /**
     * Creates a token for a user, with a callback secret; the returned secrets are the only time they are seen
     * (the callback secret stays readable to Intake, which signs with it).
     */
    @Transactional
    public NewToken createToken(String username, String name, Instant expiresAt) {
        return createToken(username, name, expiresAt, Secrets.newToken(), Secrets.newCallbackSecret());
    }

    private NewToken createToken(String username, String name, Instant expiresAt, String secret,
            String callbackSecret) {
        ApiToken token = new ApiToken(username, name, Secrets.hashToken(secret), clock.instant(), expiresAt);
        token.keepCallbackSecret(callbackSecret);
        em.persist(token);
        LOG.info(() -> "INTAKE-020 Token '" + name + "' created for " + username);
        return new NewToken(token.id(), secret, callbackSecret);
    }

    /** The id of the stored token a bearer token is, whether or not it may still be used. */
    @Transactional
    public Optional<String> tokenIdOf(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        return em.createQuery("select t.id from ApiToken t where t.tokenHash = :hash", String.class)
                .setParameter("hash", Secrets.hashToken(token.strip())).getResultStream().findFirst();
    }

    /** The secret the callbacks of a token's imports are signed with, when the token exists and has one. */
    @Transactional
    public Optional<String> callbackSecret(String tokenId) {
        ApiToken token = tokenId == null ? null : em.find(ApiToken.class, tokenId);
        return token == null ? Optional.empty() : Optional.ofNullable(token.callbackSecret());
    }

    @Transactional
    public List<ApiToken> tokensOf(String username) {
        return em.createQuery("select t from ApiToken t where t.username = :user order by t.createdAt",
                ApiToken.class).setParameter("user", username).getResultList();
    }

    /** Creates the bootstrap admin when there is none, and answers what to tell the operator, if anything. */
    @Transactional
    public Optional<String> bootstrapAdmin() {
        if (em.find(UserAccount.class, "admin") != null) {
            return Optional.empty();
        }
        Optional<String> configuredPassword = settings.adminPassword();
        String password = configuredPassword.orElseGet(Secrets::newPassword);
        em.persist(new UserAccount("admin", Secrets.hashPassword(password), Set.of(UserAccount.ADMIN_ROLE),
                clock.instant()));
        em.flush();
        Optional<String> configuredToken = settings.adminToken();
        String token = configuredToken.orElseGet(Secrets::newToken);
        // The bootstrap token gets no callback secret: there is nowhere to show it once; see README, Limitations.
        createToken("admin", configuredToken.isPresent() ? "INTAKE_ADMIN_TOKEN" : "bootstrap", null, token, null);
        LOG.info("INTAKE-021 Bootstrap user 'admin' created");
        if (configuredPassword.isPresent() && configuredToken.isPresent()) {
            return Optional.empty();
        }
        String generated = (configuredPassword.isPresent() ? "" : "admin password: " + password + "\n")
                + (configuredToken.isPresent() ? "" : "admin API token: " + token + "\n");
        return Optional.of(storeGenerated(generated));
    }

    private String storeGenerated(String generated) {
        Path file = settings.dataDirectory().resolve("admin-credentials.txt");
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, generated, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not store the generated admin credentials in " + file, e);
        } catch (UnsupportedOperationException e) {
            LOG.warning(() -> "INTAKE-022 " + file + " could not be made owner-only on this file system");
        }
        return "Generated credentials (shown once, also stored owner-only in " + file + "):\n" + generated;
    }
}
