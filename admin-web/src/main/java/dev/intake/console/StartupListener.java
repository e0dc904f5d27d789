package dev.intake.console;

import dev.intake.domain.config.ApplicationStartup;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;

/** Runs the application's start-up steps once the web module, and with it the naming context, is ready. */
@WebListener
public class StartupListener implements ServletContextListener {

    @Inject
    ApplicationStartup startup;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        startup.start();
    }
}
