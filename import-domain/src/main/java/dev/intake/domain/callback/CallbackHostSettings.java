package dev.intake.domain.callback;

import dev.intake.domain.access.AccessAdministration;
import dev.intake.domain.access.AccessDeniedException;
import dev.intake.domain.access.Caller;
import dev.intake.domain.config.IntakeSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The hosts callbacks may reach: an administrator's setting stored in the database ({@code admin_setting}
 * {@value #SETTING}), so that every node sees the same list and a change needs no restart. The first start seeds
 * it from {@code INTAKE_CALLBACK_HOSTS}; later starts leave the stored list alone.
 */
@ApplicationScoped
public class CallbackHostSettings {

    static final String SETTING = "callback_hosts";

    private static final Logger LOG = Logger.getLogger(CallbackHostSettings.class.getName());

    @PersistenceContext(unitName = "intake")
    EntityManager em;

    @Inject
    IntakeSettings settings;

    @Inject
    AccessAdministration administration;

    /** Stores {@code INTAKE_CALLBACK_HOSTS} as the list when the database has none yet. */
    @Transactional
    public void seedFromSettings() {
        if (stored().isPresent()) {
            return;
        }
        AllowedHosts seed;
        try {
            seed = AllowedHosts.parse(settings.callbackHosts().orElse(""));
        } catch (InvalidCallbackException e) {
            LOG.warning(() -> "INTAKE-075 INTAKE_CALLBACK_HOSTS is not used, no callback is allowed until it is"
                    + " corrected or an administrator sets the list: " + e.getMessage());
            return;
        }
        // Several nodes may start at once: the first insert wins, the others change nothing.
        em.createNativeQuery("insert into admin_setting (name, setting_value) values (?, ?) on conflict do nothing")
                .setParameter(1, SETTING).setParameter(2, seed.joined()).executeUpdate();
        LOG.info(() -> "INTAKE-076 Callback hosts set from INTAKE_CALLBACK_HOSTS: " + seed.hosts());
    }

    /** The hosts callbacks may reach now; none when nothing was ever set. */
    @Transactional
    public AllowedHosts allowedHosts() {
        return AllowedHosts.parse(stored().orElse(""));
    }

    /** Replaces the list (administrators only) and records the change in the audit trail. */
    @Transactional
    public AllowedHosts replace(Caller by, List<String> hosts) {
        if (!by.isAdmin()) {
            throw new AccessDeniedException("setCallbackHosts needs the 'admin' role, which user '" + by.username()
                    + "' does not have.");
        }
        AllowedHosts allowed = AllowedHosts.of(hosts);
        int changed = em.createNativeQuery("update admin_setting set setting_value = ? where name = ?")
                .setParameter(1, allowed.joined()).setParameter(2, SETTING).executeUpdate();
        if (changed == 0) {
            em.createNativeQuery("insert into admin_setting (name, setting_value) values (?, ?)")
                    .setParameter(1, SETTING).setParameter(2, allowed.joined()).executeUpdate();
        }
        administration.recordSettingChange(by, SETTING, allowed.hosts().toString());
        return allowed;
    }

    private Optional<String> stored() {
        List<?> values = em.createNativeQuery("select setting_value from admin_setting where name = ?")
                .setParameter(1, SETTING).getResultList();
        return values.stream().findFirst().map(Object::toString);
    }
}
