package dev.intake.domain.importing;

import dev.intake.domain.app.AppDefinition;
import dev.intake.domain.app.FieldDefinition;
import dev.intake.domain.app.FieldType;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

/**
 * Finds the shared case and real CSV files where they lie beside the checkout (system property
 * {@code intake.shared.data}, else {@code ../../shared/data} from the module) and builds the apps of
 * {@code cases/apps.json}. Each call builds new objects, so tests share no state.
 */
public final class SharedData {

    private SharedData() {
    }

    public static Path root() {
        return Paths.get(System.getProperty("intake.shared.data", "../../shared/data"));
    }

    public static Path caseFile(String name) {
        return root().resolve("cases").resolve(name);
    }

    public static Path realFile(String name) {
        return root().resolve("real").resolve(name);
    }

    /** The app of {@code cases/apps.json} for {@code entity}, such as "contact" or "deal". */
    public static AppDefinition app(String entity) {
        try (JsonReader reader = Json.createReader(Files.newBufferedReader(root().resolve("cases/apps.json")))) {
            return reader.readArray().stream()
                    .map(JsonValue::asJsonObject)
                    .filter(app -> app.getString("entity").equals(entity))
                    .map(SharedData::app)
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("No app " + entity + " in apps.json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static AppDefinition app(JsonObject app) {
        List<FieldDefinition> fields = app.getJsonArray("fields").stream()
                .map(JsonValue::asJsonObject)
                .map(SharedData::field)
                .toList();
        List<List<String>> matchOn = app.getJsonArray("matchOn").stream()
                .map(rule -> rule.asJsonArray().getValuesAs(JsonString::getString))
                .toList();
        return new AppDefinition(app.getString("entity"), app.getString("label"), fields, matchOn);
    }

    private static FieldDefinition field(JsonObject field) {
        List<String> choices = field.containsKey("choices")
                ? field.getJsonArray("choices").getValuesAs(JsonString::getString)
                : null;
        return new FieldDefinition(field.getString("name"), field.getString("label", null),
                FieldType.valueOf(field.getString("type")), field.getBoolean("required", false),
                field.getBoolean("unique", false), field.containsKey("maxLength") ? field.getInt("maxLength") : null,
                choices, field.getString("reference", null));
    }
}
