package dev.intake.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** A first start without configured credentials generates them, shows them once and keeps them owner-only. */
class BootstrapIT {

    @Test
    void generatesAdminCredentialsShownOnceAndStoredOwnerOnly() throws Exception {
        String sharedDatabase = System.getenv("INTAKE_TEST_DB_URL");
        Assumptions.assumeTrue(sharedDatabase == null || sharedDatabase.isBlank(), "a first start needs an empty"
                + " database; the PostgreSQL pass shares one database between all its servers");
        IntakeServer server = IntakeServer.start(Map.of("INTAKE_ADMIN_TOKEN", "", "INTAKE_ADMIN_PASSWORD", ""));
        try {
            Path credentials = server.dataDirectory().resolve("admin-credentials.txt");
            String stored = Files.readString(credentials);
            Matcher token = Pattern.compile("admin API token: (\\S+)").matcher(stored);
            assertTrue(token.find(), stored);
            assertTrue(stored.contains("admin password: "), stored);
            assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
                    Files.getPosixFilePermissions(credentials));

            assertEquals(200, server.client(token.group(1)).post("{ apps { entity } }", null).statusCode());
            assertEquals(401, server.client(IntakeServer.ADMIN_TOKEN).post("{ apps { entity } }", null).statusCode());

            server.close();
            server.launch();
            String log = Files.readString(server.log());
            int shown = log.split(Pattern.quote(token.group(1)), -1).length - 1;
            assertEquals(1, shown, "the generated token is printed once, on the first start only");
            assertFalse(Files.readString(credentials).isBlank());
        } finally {
            server.close();
        }
    }
}
