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

    /**
     * Whether the caller may follow one import of the app (its job, failed rows and results): with the app's history
     * right, or as the user who started it while still allowed to import into the app, so that an import-only
     * integration can see how its own imports went.
     */
    public boolean canFollow(String entity, boolean startedByCaller) {
        return startedByCaller && canImport(entity) || canViewHistory(entity);
    }

    /** Whether the app is shown to the caller at all: they may import into it or see it. */
    public boolean canSee(String entity) {
        return canImport(entity) || canViewHistory(entity);
    }
}
