package dev.intake.it;

import static dev.intake.it.ApiImportIT.assertCounts;
import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.JsonObject;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The EAR, deployed unchanged on a full-profile Payara Server by {@code bin/ear-server}, passes the same
 * end-to-end check as the embedded run: define an app, push a real file through the multipart endpoint, see the
 * counts. Runs when {@code INTAKE_EAR_URL} names such a server (bin/test starts one).
 */
class EarDeploymentIT {

    private static IntakeClient api;
    private static IntakeClient anonymous;

    @BeforeAll
    static void server() {
        String url = System.getenv("INTAKE_EAR_URL");
        Assumptions.assumeTrue(url != null && !url.isBlank(), "no EAR server: bin/ear-server start");
        api = new IntakeClient(URI.create(url), System.getenv("INTAKE_EAR_TOKEN"));
        anonymous = new IntakeClient(URI.create(url), null);
    }

    @Test
    void importsARealFileThroughTheMultipartEndpointOnTheFullServer() throws Exception {
        Path file = SharedData.real("datablist_people-1000.csv");
        String entity = AppFixtures.uniqueEntity("ear_people");
        api.defineApp(AppFixtures.appForHeader(entity, file, Map.of("Email", "EMAIL", "Date of birth", "DATE"),
                List.of("User Id")));

        JsonObject first = api.importAndWait(entity, file, null);
        JsonObject second = api.importAndWait(entity, file, null);

        assertEquals("COMPLETED", first.getString("status"), first.toString());
        assertCounts(first, 1000, 1000, 0, 0);
        assertCounts(second, 1000, 0, 1000, 0);
        assertEquals("admin", first.getString("createdBy"));
        assertEquals(1000, api.data("{ records(entity: \"" + entity + "\", first: 1) { total } }", null)
                .getJsonObject("records").getInt("total"));
    }

    @Test
    void refusesARequestWithoutTokenWith401() throws Exception {
        assertEquals(401, anonymous.post("{ apps { entity } }", null).statusCode());
    }
}
