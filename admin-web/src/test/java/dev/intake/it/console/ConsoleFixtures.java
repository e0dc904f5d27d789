package dev.intake.it.console;

import dev.intake.it.IntakeClient;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;

/** Users, tokens and apps the console tests need, made through the GraphQL API as an administrator. */
final class ConsoleFixtures {

    static final String PASSWORD = "console-test-password";

    private ConsoleFixtures() {
    }

    static void saveUser(IntakeClient admin, String username, String... roles) throws Exception {
        JsonArrayBuilder roleList = Json.createArrayBuilder();
        for (String role : roles) {
            roleList.add(role);
        }
        admin.data("mutation($i: UserInput!) { saveUser(input: $i) { username } }", Json.createObjectBuilder()
                .add("i", Json.createObjectBuilder().add("username", username).add("password", PASSWORD)
                        .add("roles", roleList)).build());
    }

    static String createToken(IntakeClient admin, String username) throws Exception {
        return admin.data("mutation($u: String) { createToken(name: \"fixture\", user: $u) { token } }",
                Json.createObjectBuilder().add("u", username).build())
                .getJsonObject("createToken").getString("token");
    }

    /** An app with a required email and a required name, matched on email. */
    static JsonObject peopleApp(String entity) {
        return Json.createObjectBuilder().add("entity", entity).add("label", "People " + entity)
                .add("fields", Json.createArrayBuilder()
                        .add(Json.createObjectBuilder().add("name", "email").add("label", "Email")
                                .add("type", "EMAIL").add("required", true))
                        .add(Json.createObjectBuilder().add("name", "full_name").add("label", "Name")
                                .add("type", "TEXT").add("required", true))
                        .add(Json.createObjectBuilder().add("name", "city").add("label", "City")
                                .add("type", "TEXT")))
                .add("matchOn", Json.createArrayBuilder().add(Json.createArrayBuilder().add("email"))).build();
    }

    /** An app of contacts (email, first_name, last_name) matched on email, the shape GeneratedFiles writes. */
    static JsonObject contactsApp(String entity) {
        return Json.createObjectBuilder().add("entity", entity).add("label", "Contacts " + entity)
                .add("fields", Json.createArrayBuilder()
                        .add(Json.createObjectBuilder().add("name", "email").add("type", "EMAIL"))
                        .add(Json.createObjectBuilder().add("name", "first_name").add("type", "TEXT"))
                        .add(Json.createObjectBuilder().add("name", "last_name").add("type", "TEXT")))
                .add("matchOn", Json.createArrayBuilder().add(Json.createArrayBuilder().add("email"))).build();
    }

    /** The first GraphQL error code of an answer, or null when it has none. */
    static String errorCode(JsonObject answer) {
        return answer.containsKey("errors") ? IntakeClient.errorCode(answer) : null;
    }
}
