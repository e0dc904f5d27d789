package dev.intake.it.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.intake.it.AppFixtures;
import dev.intake.it.IntakeClient;
import dev.intake.it.IntakeServer;
import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Users and roles made in the console hold through the API. */
class ConsoleAdminIT extends BrowserTest {

    @Test
    void aRoleGrantedInTheMatrixLetsANewUserImportIntoThatAppOnly(@TempDir Path dir) throws Exception {
        IntakeServer server = IntakeServer.shared();
        IntakeClient admin = server.client();
        String granted = AppFixtures.uniqueEntity("granted");
        String other = AppFixtures.uniqueEntity("other");
        admin.defineApp(ConsoleFixtures.peopleApp(granted));
        admin.defineApp(ConsoleFixtures.peopleApp(other));
        String role = "role_" + granted;
        String username = "user_" + granted;
        LoginScreen.open(driver, server.baseUri()).signIn("admin", IntakeServer.ADMIN_PASSWORD);

        RolesScreen roles = RolesScreen.open(driver, server.baseUri());
        roles.create(role, "Imports people");
        roles.tick(role, granted, "import");
        roles.tick(role, granted, "history");
        assertTrue(roles.save(role).contains(role));
        assertTrue(RolesScreen.open(driver, server.baseUri()).right(role, granted, "import").isSelected());
        Screenshots.take(driver, "roles-matrix");

        UsersScreen users = UsersScreen.open(driver, server.baseUri());
        users.create("short_" + granted, "too-short", role);
        assertTrue(users.passwordMessage().contains("at least 10"), users.passwordMessage());
        users = UsersScreen.open(driver, server.baseUri());
        users.create(username, ConsoleFixtures.PASSWORD, role);
        assertEquals(role, users.rolesOf(username));

        JsonObject defined = admin.data("{ roles { name grants { entity canImport canViewHistory } } }", null);
        assertTrue(defined.toString().contains("{\"name\":\"" + role + "\",\"grants\":[{\"entity\":\"" + granted
                + "\",\"canImport\":true,\"canViewHistory\":true}]}"), defined.toString());
        IntakeClient user = server.client(ConsoleFixtures.createToken(admin, username));
        Path file = dir.resolve("people.csv");
        Files.writeString(file, "email,Name\nann@example.com,Ann\n");
        JsonObject job = user.importAndWait(granted, file, null);
        assertEquals("COMPLETED", job.getString("status"));
        assertEquals(username, job.getString("createdBy"));
        assertEquals("FORBIDDEN", ConsoleFixtures.errorCode(IntakeClient.json(user.upload(other, null, file, null))));
    }
}
