package dev.intake.it;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** App definitions made for test files: one field per header, labelled as the header reads. */
public final class AppFixtures {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private AppFixtures() {
    }

    /** A fresh entity key, so that tests sharing a server never share records. */
    public static String uniqueEntity(String prefix) {
        return prefix + "_" + System.currentTimeMillis() % 100_000 + "_" + SEQUENCE.incrementAndGet();
    }

    /** The field name a header gets: lower case, runs of other characters as '_'. */
    public static String fieldName(String header) {
        String name = header.strip().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_|_$", "");
        return Character.isLetter(name.charAt(0)) ? name : "f_" + name;
    }

    /**
     * An app with a TEXT field for each comma-separated header of the file's first line, except the types given
     * by header; matched on the given headers' fields.
     */
    public static JsonObject appForHeader(String entity, Path file, Map<String, String> types, List<String> matchOn)
            throws IOException {
        String headerLine;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            headerLine = reader.readLine().replace("\uFEFF", "");
        }
        JsonArrayBuilder fields = Json.createArrayBuilder();
        for (String header : headerLine.split(",")) {
            String label = header.replace("\"", "").strip();
            fields.add(Json.createObjectBuilder().add("name", fieldName(label)).add("label", label)
                    .add("type", types.getOrDefault(label, "TEXT")));
        }
        JsonArrayBuilder rule = Json.createArrayBuilder();
        matchOn.forEach(header -> rule.add(fieldName(header)));
        return Json.createObjectBuilder().add("entity", entity).add("label", entity).add("fields", fields)
                .add("matchOn", Json.createArrayBuilder().add(rule)).build();
    }
}
