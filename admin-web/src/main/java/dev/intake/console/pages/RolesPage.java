package dev.intake.console.pages;

import dev.intake.domain.access.AccessAdministration;
import dev.intake.domain.access.AccessDeniedException;
import dev.intake.domain.access.AccessRole;
import dev.intake.domain.access.Grant;
import dev.intake.domain.access.InvalidAccessChangeException;
import dev.intake.domain.access.UserAccount;
import dev.intake.domain.app.AppCatalog;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The permission matrix: one row per role, one column per app and one for all apps, each cell the right to import
 * and the right to see history. A row is saved whole through {@code defineRole}; {@code admin} may do everything
 * and is shown read-only.
 */
@Named("rolesPage")
@ViewScoped
public class RolesPage implements Serializable {

    private static final long serialVersionUID = 1L;
    /** Matrix messages are the page's global ones: the matrix has no input of its own to sit next to. */
    private static final String MATRIX = null;

    @Inject
    transient AccessAdministration administration;

    @Inject
    transient AppCatalog catalog;

    @Inject
    transient ConsoleAccess access;

    private List<AppColumn> columns = List.of();
    private List<RoleRow> roles = List.of();
    private String newName;
    private String newDescription;

    /** Called by the view's viewAction; anyone but an administrator gets 403. */
    public void load() throws IOException {
        if (access.requireAdmin()) {
            refresh();
        }
    }

    public void save(RoleRow role) {
        FacesContext faces = FacesContext.getCurrentInstance();
        try {
            administration.defineRole(access.caller(), role.getName(), role.getDescription(), role.grants());
            FieldMessages.info(faces, MATRIX, Labels.text(faces, "roles.saved").replace("{0}", role.getName()));
        } catch (InvalidAccessChangeException | AccessDeniedException e) {
            FieldMessages.error(faces, MATRIX, e.getMessage());
        }
    }

    public void create() {
        FacesContext faces = FacesContext.getCurrentInstance();
        try {
            administration.defineRole(access.caller(), newName, newDescription, List.of());
            FieldMessages.info(faces, "create-role-form:role-name", Labels.text(faces, "roles.created")
                    .replace("{0}", newName));
            newName = null;
            newDescription = null;
            refresh();
        } catch (InvalidAccessChangeException | AccessDeniedException e) {
            FieldMessages.error(faces, "create-role-form:role-name", e.getMessage());
        }
    }

    private void refresh() {
        List<AppColumn> all = new ArrayList<>();
        all.add(new AppColumn(Grant.ALL_APPS, Labels.text(FacesContext.getCurrentInstance(), "roles.allApps")));
        catalog.all().forEach(app -> all.add(new AppColumn(app.entity(), app.label())));
        columns = all;
        List<String> entities = all.stream().map(AppColumn::entity).toList();
        roles = administration.roles().stream().map(role -> RoleRow.of(role, entities)).toList();
    }

    public List<AppColumn> getColumns() {
        return columns;
    }

    public List<RoleRow> getRoles() {
        return roles;
    }

    public String getNewName() {
        return newName;
    }

    public void setNewName(String newName) {
        this.newName = newName;
    }

    public String getNewDescription() {
        return newDescription;
    }

    public void setNewDescription(String newDescription) {
        this.newDescription = newDescription;
    }

    /** A column of the matrix: an app, or {@value Grant#ALL_APPS} for every app. */
    public record AppColumn(String entity, String label) implements Serializable {
    }

    /** A role as the matrix edits it: its rights per app, including apps no longer shown, which stay as they are. */
    public static final class RoleRow implements Serializable {

        private static final long serialVersionUID = 1L;

        private final String name;
        private final String description;
        private final boolean admin;
        private final Map<String, Rights> cells;

        RoleRow(String name, String description, boolean admin, Map<String, Rights> cells) {
            this.name = name;
            this.description = description;
            this.admin = admin;
            this.cells = cells;
        }

        static RoleRow of(AccessRole role, List<String> entities) {
            boolean admin = UserAccount.ADMIN_ROLE.equals(role.name());
            Map<String, Rights> cells = new LinkedHashMap<>();
            entities.forEach(entity -> cells.put(entity, new Rights(admin, admin)));
            for (Grant grant : role.grants()) {
                cells.put(grant.entity(), new Rights(grant.canImport(), grant.canViewHistory()));
            }
            return new RoleRow(role.name(), role.description(), admin, cells);
        }

        List<Grant> grants() {
            return cells.entrySet().stream().filter(e -> e.getValue().isImporting() || e.getValue().isHistory())
                    .map(e -> new Grant(e.getKey(), e.getValue().isImporting(), e.getValue().isHistory())).toList();
        }

        public String getName() {
            return name;
        }

        public String getDescription() {
            return description;
        }

        public boolean isAdmin() {
            return admin;
        }

        public Map<String, Rights> getCells() {
            return cells;
        }
    }

    /** One cell of the matrix. */
    public static final class Rights implements Serializable {

        private static final long serialVersionUID = 1L;

        private boolean importing;
        private boolean history;

        Rights(boolean importing, boolean history) {
            this.importing = importing;
            this.history = history;
        }

        public boolean isImporting() {
            return importing;
        }

        public void setImporting(boolean importing) {
            this.importing = importing;
        }

        public boolean isHistory() {
            return history;
        }

        public void setHistory(boolean history) {
            this.history = history;
        }
    }
}
