package dev.intake.domain.access;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/**
 * What a role allows on one app, or on every app when {@code entity} is {@value #ALL_APPS}: importing into it,
 * and seeing its records and import history.
 */
@Embeddable
public class Grant {

    public static final String ALL_APPS = "*";

    @Column(name = "entity", nullable = false, length = 100)
    private String entity;

    @Column(name = "can_import", nullable = false)
    private boolean canImport;

    @Column(name = "can_view_history", nullable = false)
    private boolean canViewHistory;

    protected Grant() {
    }

    public Grant(String entity, boolean canImport, boolean canViewHistory) {
        this.entity = entity;
        this.canImport = canImport;
        this.canViewHistory = canViewHistory;
    }

    public String entity() {
        return entity;
    }

    public boolean canImport() {
        return canImport;
    }

    public boolean canViewHistory() {
        return canViewHistory;
    }

    boolean covers(String app) {
        return ALL_APPS.equals(entity) || entity.equals(app);
    }
}
