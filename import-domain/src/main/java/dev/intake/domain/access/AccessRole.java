package dev.intake.domain.access;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import java.util.ArrayList;
import java.util.List;

/**
 * A named set of grants that users hold. The built-in roles are {@code admin} (everything), {@code importer}
 * (imports into and sees every app) and {@code viewer} (sees every app, imports nothing); administrators define
 * others, per app. A role is replaced whole when it is defined again.
 */
@Entity
@Table(name = "access_role")
public class AccessRole {

    @Id
    @Column(name = "name", length = 100)
    private String name;

    @Column(name = "description", length = 500)
    private String description;

    @Column(name = "built_in", nullable = false)
    private boolean builtIn;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "role_grant", joinColumns = @JoinColumn(name = "role_name"))
    private List<Grant> grants = new ArrayList<>();

    protected AccessRole() {
    }

    public AccessRole(String name, String description, List<Grant> grants) {
        this.name = name;
        this.description = description;
        this.grants = new ArrayList<>(grants);
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    public boolean builtIn() {
        return builtIn;
    }

    public List<Grant> grants() {
        return List.copyOf(grants);
    }

    void replaceGrants(String newDescription, List<Grant> newGrants) {
        description = newDescription;
        grants = new ArrayList<>(newGrants);
    }
}
