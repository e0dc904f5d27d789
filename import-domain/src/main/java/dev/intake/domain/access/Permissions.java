package dev.intake.domain.access;

import java.util.List;

/**
 * What one caller may do, worked out from all the grants of all their roles: an administrator may do everything;
 * anyone else what some grant of theirs allows, app by app.
 */
public record Permissions(boolean admin, List<Grant> grants) {

    public Permissions {
        grants = List.copyOf(grants);
    }

    public boolean canImport(String entity) {
        return admin || grants.stream().anyMatch(grant -> grant.covers(entity) && grant.canImport());
    }

    /** Seeing an app's records and its import history. */
    public boolean canViewHistory(String entity) {
        return admin || grants.stream().anyMatch(grant -> grant.covers(entity) && grant.canViewHistory());
    }

    /** Whether the app is shown to the caller at all: they may import into it or see it. */
    public boolean canSee(String entity) {
        return canImport(entity) || canViewHistory(entity);
    }
}
