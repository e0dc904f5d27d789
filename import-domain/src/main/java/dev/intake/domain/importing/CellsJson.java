package dev.intake.domain.importing;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.util.List;

/** The stored form of a row's cells, as read from the file: a JSON array of strings. */
final class CellsJson {

    private CellsJson() {
    }

    static String encode(List<String> cells) {
        JsonArrayBuilder array = Json.createArrayBuilder();
        cells.forEach(cell -> array.add(cell == null ? "" : cell));
        return array.build().toString();
    }

    static List<String> decode(String json) {
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            return reader.readArray().getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
        }
    }
}
