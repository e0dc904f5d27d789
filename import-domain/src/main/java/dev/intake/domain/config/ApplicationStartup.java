package dev.intake.domain.config;

import dev.intake.domain.access.AccessService;
import dev.intake.domain.app.AppCatalog;
import dev.intake.domain.callback.CallbackHostSettings;
import dev.intake.domain.callback.CallbackSender;
import dev.intake.domain.importing.ImportRunner;
import dev.intake.domain.retention.RetentionTask;
import dev.intake.domain.schema.SchemaMigrations;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.logging.Logger;

/**
 * What happens once when the application starts, in this order: the schema is migrated, the default apps exist,
 * the bootstrap admin exists, the callback hosts are seeded on a first start, and this node starts looking for
 * imports to run, beginning with those a stopped server left unfinished, which resume from their checkpoints, and
 * for callbacks to send, beginning with those a stopped server left pending.
 */
@ApplicationScoped
public class ApplicationStartup {

    private static final Logger LOG = Logger.getLogger(ApplicationStartup.class.getName());

    @Inject
    Database database;

    @Inject
    AppCatalog apps;

    @Inject
    AccessService access;

    @Inject
    ImportRunner runner;

    @Inject
    RetentionTask retention;

    @Inject
    CallbackHostSettings callbackHosts;

    @Inject
    CallbackSender callbacks;

    /**
     * Called by the web module when it starts, where the component's naming context is in place (a CDI
     * {@code @Initialized} observer runs too early on Payara for the persistence context to be looked up).
     */
    public void start() {
        new SchemaMigrations(database.dataSource()).migrate();
        apps.ensureDefaults();
        access.bootstrapAdmin().ifPresent(ApplicationStartup::tellOperator);
        callbackHosts.seedFromSettings();
        runner.startLookingForWork();
        retention.schedule();
        callbacks.startSending();
        LOG.info("INTAKE-003 Intake is ready");
    }

    /** Generated secrets go to the operator's terminal once, never into the log. */
    @SuppressWarnings("java:S106")
    private static void tellOperator(String text) {
        System.out.println(text);
    }
}
