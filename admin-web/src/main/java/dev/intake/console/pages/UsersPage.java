package dev.intake.console.pages;

import dev.intake.domain.access.AccessAdministration;
import dev.intake.domain.access.AccessDeniedException;
import dev.intake.domain.access.AccessRole;
import dev.intake.domain.access.InvalidAccessChangeException;
import dev.intake.domain.access.UserAccount;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Administrators' list of users: create one, change a user's roles, set a new password. */
@Named("usersPage")
@ViewScoped
public class UsersPage implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    transient AccessAdministration administration;

    @Inject
    transient ConsoleAccess access;

    private List<UserRow> users = List.of();
    private List<String> roleNames = List.of();

    private String newUsername;
    private String newPassword;
    private List<String> newRoles = new ArrayList<>();

    private String editing;
    private List<String> editRoles = new ArrayList<>();
    private String editPassword;

    /** Called by the view's viewAction; anyone but an administrator gets 403. */
    public void load() throws IOException {
        if (access.requireAdmin()) {
            refresh();
        }
    }

    public void create() {
        FacesContext faces = FacesContext.getCurrentInstance();
        try {
            administration.saveUser(access.caller(), newUsername, newPassword, newRoles);
            FieldMessages.info(faces, "create-form:username", Labels.text(faces, "users.createdMessage")
                    .replace("{0}", newUsername));
            newUsername = null;
            newPassword = null;
            newRoles = new ArrayList<>();
            refresh();
        } catch (InvalidAccessChangeException | AccessDeniedException e) {
            FieldMessages.show(faces, e.getMessage(), List.of(Map.entry("user name", "create-form:username"),
                    Map.entry("password", "create-form:password"), Map.entry("role", "create-form:roles")),
                    "create-form:username");
        }
    }

    /** Opens the editor for one user, with the roles they hold now. */
    public void edit(String username) {
        editing = username;
        editPassword = null;
        editRoles = users.stream().filter(u -> u.username().equals(username)).findFirst()
                .map(u -> new ArrayList<>(u.roles())).orElseGet(ArrayList::new);
    }

    public void save() {
        FacesContext faces = FacesContext.getCurrentInstance();
        String password = editPassword == null || editPassword.isEmpty() ? null : editPassword;
        try {
            administration.saveUser(access.caller(), editing, password, editRoles);
            FieldMessages.info(faces, "users-form:edit-roles", Labels.text(faces, "users.saved")
                    .replace("{0}", editing));
            editPassword = null;
            refresh();
        } catch (InvalidAccessChangeException | AccessDeniedException e) {
            FieldMessages.show(faces, e.getMessage(), List.of(Map.entry("password", "users-form:edit-password")),
                    "users-form:edit-roles");
        }
    }

    public void closeEditor() {
        editing = null;
        editPassword = null;
    }

    private void refresh() {
        users = administration.users(access.caller()).stream().map(UserRow::of).toList();
        roleNames = administration.roles().stream().map(AccessRole::name).toList();
    }

    public List<UserRow> getUsers() {
        return users;
    }

    public List<String> getRoleNames() {
        return roleNames;
    }

    public String getNewUsername() {
        return newUsername;
    }

    public void setNewUsername(String newUsername) {
        this.newUsername = newUsername;
    }

    public String getNewPassword() {
        return newPassword;
    }

    public void setNewPassword(String newPassword) {
        this.newPassword = newPassword;
    }

    public List<String> getNewRoles() {
        return newRoles;
    }

    public void setNewRoles(List<String> newRoles) {
        this.newRoles = newRoles;
    }

    public String getEditing() {
        return editing;
    }

    public List<String> getEditRoles() {
        return editRoles;
    }

    public void setEditRoles(List<String> editRoles) {
        this.editRoles = editRoles;
    }

    public String getEditPassword() {
        return editPassword;
    }

    public void setEditPassword(String editPassword) {
        this.editPassword = editPassword;
    }

    /** A user as listed. */
    public record UserRow(String username, List<String> roles, String created) implements Serializable {

        static UserRow of(UserAccount user) {
            return new UserRow(user.username(), List.copyOf(user.roles()), Times.format(user.createdAt()));
        }

        public String rolesText() {
            return String.join(", ", roles);
        }
    }
}
