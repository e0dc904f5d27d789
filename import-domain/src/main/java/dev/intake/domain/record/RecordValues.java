package dev.intake.domain.record;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.Map;

/** The stored form of a record's values: one JSON object of field name to canonical text. */
final class RecordValues {

    /** Looked up once: the JSON-P lookup scans the class path on every call otherwise. */
    private static final JsonProvider JSON = JsonProvider.provider();

    private RecordValues() {
    }

    static String encode(Map<String, String> values) {
        JsonObjectBuilder object = JSON.createObjectBuilder();
        values.forEach(object::add);
        return object.build().toString();
    }

    static Map<String, String> decode(String json) {
        Map<String, String> values = new LinkedHashMap<>();
        try (JsonReader reader = JSON.createReader(new StringReader(json))) {
            JsonObject object = reader.readObject();
            for (Map.Entry<String, JsonValue> entry : object.entrySet()) {
                if (entry.getValue() instanceof JsonString text) {
                    values.put(entry.getKey(), text.getString());
                }
            }
        }
        return values;
    }
}
