package dev.intake.it.cases;

import dev.intake.it.AppFixtures;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/** App definitions for the case and real-file tests, as {@code AppInput} JSON. */
final class AppJson {

    private final JsonObjectBuilder app = Json.createObjectBuilder();
    private final JsonArrayBuilder fields = Json.createArrayBuilder();
    private final JsonArrayBuilder matchOn = Json.createArrayBuilder();

    private final String entity;

    private AppJson(String entity) {
        this.entity = entity;
        app.add("entity", entity).add("label", entity);
    }

    /** A new app definition under a fresh entity key made from {@code prefix}. */
    static AppJson app(String prefix) {
        return new AppJson(AppFixtures.uniqueEntity(prefix));
    }

    AppJson field(String name, String label, String type) {
        return field(name, label, type, extra -> { });
    }

    AppJson field(String name, String label, String type, Consumer<JsonObjectBuilder> extra) {
        JsonObjectBuilder field = Json.createObjectBuilder().add("name", name).add("label", label).add("type", type);
        extra.accept(field);
        fields.add(field);
        return this;
    }

    AppJson choice(String name, String label, String... choices) {
        return field(name, label, "CHOICE", field -> field.add("choices", Json.createArrayBuilder(
                List.of(choices))));
    }

    /** Adds a match rule made of the given fields, after the rules added before. */
    AppJson matchOn(String... fieldNames) {
        matchOn.add(Json.createArrayBuilder(List.of(fieldNames)));
        return this;
    }

    String entity() {
        return entity;
    }

    JsonObject build() {
        return app.add("fields", fields).add("matchOn", matchOn).build();
    }

    /** The apps of a JSON file in the shape of {@code [AppInput]}, by their entity key as written in the file. */
    static Map<String, JsonObject> catalogue(Path file) throws IOException {
        try (Reader text = Files.newBufferedReader(file); JsonReader reader = Json.createReader(text)) {
            JsonArray apps = reader.readArray();
            return apps.stream().map(JsonValue::asJsonObject)
                    .collect(Collectors.toMap(app -> app.getString("entity"), app -> app));
        }
    }

    /** {@code app} under another entity key, so that tests sharing a server never share records. */
    static JsonObject withEntity(JsonObject app, String entity) {
        return Json.createObjectBuilder(app).add("entity", entity).build();
    }

    /** {@code app} with one field changed, for instance made required or given another type. */
    static JsonObject withField(JsonObject app, String fieldName, Consumer<JsonObjectBuilder> change) {
        JsonArrayBuilder fields = Json.createArrayBuilder();
        for (JsonValue value : app.getJsonArray("fields")) {
            JsonObject field = value.asJsonObject();
            if (field.getString("name").equals(fieldName)) {
                JsonObjectBuilder changed = Json.createObjectBuilder(field);
                change.accept(changed);
                fields.add(changed);
            } else {
                fields.add(field);
            }
        }
        return Json.createObjectBuilder(app).add("fields", fields).build();
    }
}
