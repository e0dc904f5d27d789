package dev.intake.domain.access;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PermissionsTest {

    @Test
    void anAdministratorMayDoEverythingWithoutGrants() {
        Permissions admin = new Permissions(true, List.of());

        assertTrue(admin.canImport("contact"));
        assertTrue(admin.canViewHistory("anything"));
    }

    @Test
    void aGrantOnOneAppAllowsNothingOnAnother() {
        Permissions erp = new Permissions(false, List.of(new Grant("contact", true, false)));

        assertTrue(erp.canImport("contact"));
        assertFalse(erp.canViewHistory("contact"));
        assertFalse(erp.canImport("deal"));
        assertFalse(erp.canSee("deal"));
        assertTrue(erp.canSee("contact"));
    }

    @Test
    void aGrantOnAllAppsCoversAppsDefinedLater() {
        Permissions viewer = new Permissions(false, List.of(new Grant(Grant.ALL_APPS, false, true)));

        assertTrue(viewer.canViewHistory("invoice"));
        assertFalse(viewer.canImport("invoice"));
    }

    @Test
    void grantsOfSeveralRolesAddUp() {
        Permissions both = new Permissions(false, List.of(new Grant("contact", false, true),
                new Grant("contact", true, false)));

        assertTrue(both.canImport("contact"));
        assertTrue(both.canViewHistory("contact"));
    }

    @Test
    void anImportIsFollowedByHistoryViewersAndByItsStarterWhileTheyMayStillImport() {
        Permissions importer = new Permissions(false, List.of(new Grant("contact", true, false)));
        Permissions viewer = new Permissions(false, List.of(new Grant("contact", false, true)));
        Permissions formerImporter = new Permissions(false, List.of(new Grant("deal", true, false)));

        assertTrue(importer.canFollow("contact", true));
        assertFalse(importer.canFollow("contact", false), "someone else's import needs the history right");
        assertTrue(viewer.canFollow("contact", false));
        assertFalse(formerImporter.canFollow("contact", true), "the right to import was taken away");
    }
}
