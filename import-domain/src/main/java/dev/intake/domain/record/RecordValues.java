package dev.intake.domain.record;

import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The stored form of a record's values: one JSON object of field name to canonical text, written and read by
 * {@link FlatJson}; JSON-P stays for stored objects of another shape.
 */
final class RecordValues {

    /** Looked up once: the JSON-P lookup scans the class path on every call otherwise. */
    private static final JsonProvider JSON = JsonProvider.provider();

    private RecordValues() {
    }

    static String encode(Map<String, String> values) {
        return FlatJson.write(values);
    }

    /** Reads the flat object records are written as; anything else stored by hand goes through JSON-P. */
    static Map<String, String> decode(String json) {
        return FlatJson.readText(json).orElseGet(() -> decodeAnyShape(json));
    }

    /** Keeps the text members of any JSON object and drops the others. */
    private static Map<String, String> decodeAnyShape(String json) {
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
