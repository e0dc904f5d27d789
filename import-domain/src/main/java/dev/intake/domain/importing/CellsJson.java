package dev.intake.domain.importing;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.util.List;

/** The stored form of a row's cells, as read from the file: a JSON array of strings. */
final class CellsJson {

    /** Looked up once: the JSON-P lookup scans the class path on every call otherwise. */
    private static final JsonProvider JSON = JsonProvider.provider();

    private CellsJson() {
    }

    static String encode(List<String> cells) {
        JsonArrayBuilder array = JSON.createArrayBuilder();
        cells.forEach(cell -> array.add(cell == null ? "" : cell));
        return array.build().toString();
    }

    static List<String> decode(String json) {
        try (JsonReader reader = JSON.createReader(new StringReader(json))) {
            return reader.readArray().getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
        }
    }
}
