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
}
