package dev.intake.it.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.intake.it.AppFixtures;
import dev.intake.it.IntakeClient;
import dev.intake.it.IntakeServer;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** A token made in the console works against the API until it is revoked in the console. */
class ConsoleTokensIT extends BrowserTest {

    @Test
    void createsATokenShownOnceThatTheApiAcceptsUntilItIsRevoked() throws Exception {
        IntakeServer server = IntakeServer.shared();
        String username = AppFixtures.uniqueEntity("tokens");
        ConsoleFixtures.saveUser(server.client(), username, "importer");
        LoginScreen.open(driver, server.baseUri()).signIn(username, ConsoleFixtures.PASSWORD);

        TokensScreen tokens = TokensScreen.open(driver, server.baseUri());
        String token = tokens.create("ERP export");
        assertTrue(token.length() >= 20, token);
        String callbackSecret = tokens.shownCallbackSecret().orElseThrow();
        assertTrue(callbackSecret.startsWith("itcs_") && callbackSecret.length() > 40, callbackSecret);
        assertEquals("active", tokens.status("ERP export"));
        Screenshots.take(driver, "tokens");

        IntakeClient withToken = server.client(token);
        HttpResponse<String> accepted = withToken.post("{ apps { entity } }", null);
        assertEquals(200, accepted.statusCode());
        assertFalse(accepted.body().contains("errors"), accepted.body());

        tokens = TokensScreen.open(driver, server.baseUri());
        assertTrue(tokens.shownToken().isEmpty(), "shown once, never again");
        assertFalse(driver.getPageSource().contains(token));
        assertTrue(tokens.shownCallbackSecret().isEmpty(), "the callback secret is shown once, never again");
        assertFalse(driver.getPageSource().contains(callbackSecret));

        tokens.revoke("ERP export");
        assertEquals("revoked", tokens.status("ERP export"));
        assertEquals(401, withToken.post("{ apps { entity } }", null).statusCode());
    }
}
