package dev.intake.it.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.intake.it.AppFixtures;
import dev.intake.it.IntakeClient;
import dev.intake.it.IntakeServer;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the console shows and refuses, by role: a read-only user against an administrator. */
class ConsolePermissionsIT extends BrowserTest {

    private static IntakeServer server;

    @BeforeAll
    static void server() throws Exception {
        server = IntakeServer.shared();
    }

    @Test
    void aReadOnlyUserHasNoImportButtonAndGets403OnImportAndAdminPagesByUrl() throws Exception {
        IntakeClient api = server.client();
        String entity = AppFixtures.uniqueEntity("perm");
        api.defineApp(ConsoleFixtures.peopleApp(entity));
        String viewer = "viewer_" + entity;
        ConsoleFixtures.saveUser(api, viewer, "viewer");

        AppsScreen apps = LoginScreen.open(driver, server.baseUri()).signIn(viewer, ConsoleFixtures.PASSWORD);
        assertEquals(List.of("nav-dashboard", "nav-tokens"), apps.settingsLinks());
        AppScreen app = apps.openApp("People " + entity);
        assertFalse(app.hasImportButton(), "a read-only user gets no Import button");
        assertTrue(app.hasHistoryLink());

        for (String path : List.of("/import.xhtml?entity=" + entity, "/users.xhtml", "/roles.xhtml",
                "/audit.xhtml", "/app-setup.xhtml")) {
            ErrorScreen refused = ErrorScreen.open(driver, server.baseUri(), path);
            assertEquals(403, refused.status(), path);
            assertTrue(refused.showsForbidden(), path + ": " + refused.text());
        }
        TokensScreen.open(driver, server.baseUri());
    }

    @Test
    void anAdministratorSeesImportAndEverySettingsPage() throws Exception {
        String entity = AppFixtures.uniqueEntity("permadm");
        server.client().defineApp(ConsoleFixtures.peopleApp(entity));
        ConsoleFixtures.saveUser(server.client(), "audited_" + entity, "viewer");

        AppsScreen apps = LoginScreen.open(driver, server.baseUri()).signIn("admin", IntakeServer.ADMIN_PASSWORD);
        assertEquals(List.of("nav-dashboard", "nav-tokens", "nav-users", "nav-roles", "nav-app-setup", "nav-audit"),
                apps.settingsLinks());
        AppScreen app = apps.openApp("People " + entity);
        assertTrue(app.hasImportButton());
        assertTrue(app.hasHistoryLink());
        assertTrue(app.importButton().getLocation().getX() > 700, "Import sits at the top right");
        app.clickImport();
        UsersScreen.open(driver, server.baseUri());
        RolesScreen.open(driver, server.baseUri());
        AuditScreen audit = AuditScreen.open(driver, server.baseUri());
        assertEquals("USER_CREATED", audit.actions().get(0), "newest first");
    }
}
