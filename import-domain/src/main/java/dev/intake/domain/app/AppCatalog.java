package dev.intake.domain.app;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/** The apps that records and imports belong to: finding them, and defining or replacing one. */
@ApplicationScoped
public class AppCatalog {

    private static final Logger LOG = Logger.getLogger(AppCatalog.class.getName());

    @PersistenceContext(unitName = "intake")
    EntityManager em;

    @Inject
    DefaultApps defaults;

    @Transactional
    public Optional<AppDefinition> find(String entity) {
        return entity == null ? Optional.empty() : Optional.ofNullable(em.find(AppDefinition.class, entity));
    }

    @Transactional
    public List<AppDefinition> all() {
        return em.createQuery("select a from AppDefinition a order by a.entity", AppDefinition.class)
                .getResultList();
    }

    /** Creates the app, or replaces the definition of an existing one; its records keep their values. */
    @Transactional
    public AppDefinition define(AppDefinition definition) {
        AppRules.check(definition, entity -> em.find(AppDefinition.class, entity) != null);
        AppDefinition existing = em.find(AppDefinition.class, definition.entity());
        if (existing == null) {
            em.persist(definition);
            LOG.info(() -> "INTAKE-010 App defined: " + definition.entity());
            return definition;
        }
        existing.replaceWith(definition);
        LOG.info(() -> "INTAKE-011 App redefined: " + definition.entity());
        return existing;
    }

    /** Defines the default apps that are missing; an app an admin already has is left as it is. */
    @Transactional
    public void ensureDefaults() {
        for (AppDefinition app : defaults.apps()) {
            if (em.find(AppDefinition.class, app.entity()) == null) {
                define(app);
            }
        }
    }
}
