package dev.intake.domain.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FlatJsonTest {

    @Test
    void writesStandardJsonThatAGeneralParserReadsBack() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("name", "Ann \"the\" O'Neil");
        values.put("notes", "line one\nline two\r\n\ttabbed \\ back\u0001\u001f end");
        values.put("city", "Zürich 東京 😀");
        values.put("empty", "");

        String json = FlatJson.write(values);

        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            JsonObject parsed = reader.readObject();
            assertEquals(values.keySet(), parsed.keySet());
            values.forEach((name, value) -> assertEquals(value, parsed.getString(name)));
        }
        assertEquals("{\"a\":\"x\\u0001\"}", FlatJson.write(Map.of("a", "x\u0001")));
    }

    @Test
    void readsARecordsTextMembersWithoutItsNullsAndTheLastValueOfANameGivenTwice() {
        assertEquals(Optional.of(Map.of("name", "Ann", "city", "Faro")),
                FlatJson.readText("{\"name\":\"Ann\", \"city\" : \"Faro\"}"));
        assertEquals(Optional.of(Map.of("name", "Ann")), FlatJson.readText("{\"name\":\"Ann\",\"city\":null}"));
        assertEquals(Optional.of(Map.of("name", "Bea")), FlatJson.readText("{\"name\":\"Ann\",\"name\":\"Bea\"}"));
        assertEquals(Optional.of(Map.of()), FlatJson.readText("{\"name\":\"Ann\",\"name\":null}"));
        assertEquals(Optional.of(Map.of()), FlatJson.readText(" { } "));
        assertEquals(Optional.empty(), FlatJson.readText("{\"age\":7}"), "not a flat object of text");
        assertThrows(UnsupportedOperationException.class,
                () -> FlatJson.readText("{\"a\":\"b\"}").orElseThrow().put("c", "d"));
    }

    @Test
    void readsEveryNameAsOneInternedInstanceWhateverSharesItsSlot() {
        String first = FlatJson.readText("{\"first_name\":\"Ann\"}").orElseThrow().keySet().iterator().next();
        String again = FlatJson.read("{\"first_name\":\"Bea\"}").orElseThrow().keySet().iterator().next();
        assertSame("first_name", first, "the interned instance, as the row converter's field names are");
        assertSame(first, again);
        for (int round = 0; round < 3; round++) { // "Aa" and "BB" have the same hash, so they take turns in a slot
            assertEquals(Optional.of(Map.of("Aa", "1", "BB", "2")), FlatJson.readText("{\"Aa\":\"1\",\"BB\":\"2\"}"));
            assertEquals(Optional.of(Map.of("BB", "3")), FlatJson.readText("{\"BB\":\"3\"}"));
        }
        assertEquals(Optional.of(Map.of("a\"b", "x", "c\\d", "y")),
                FlatJson.readText("{\"a\\\"b\":\"x\",\"c\\\\d\":\"y\"}"), "escaped names read as before");
        assertEquals(Optional.empty(), FlatJson.readText("{\"unclosed:\"x\"}"));
    }

    @Test
    void readsWhatItWritesInOrder() {
        Random random = new Random(42);
        for (int round = 0; round < 500; round++) {
            Map<String, String> values = new LinkedHashMap<>();
            for (int field = 0; field < 1 + random.nextInt(8); field++) {
                values.put("f" + field + randomText(random, 3), randomText(random, 30));
            }
            assertEquals(values, FlatJson.read(FlatJson.write(values)).orElseThrow());
            assertEquals(values.keySet().stream().toList(),
                    FlatJson.read(FlatJson.write(values)).orElseThrow().keySet().stream().toList());
        }
    }

    @Test
    void readsEscapesAndSpacingAGeneralWriterProduces() {
        String json = " { \"a\" : \"\\u00e9\\/\\\"q\\\"\" ,\n \"b\":\"\\ud83d\\ude00\" } ";

        assertEquals(Map.of("a", "é/\"q\"", "b", "😀"), FlatJson.read(json).orElseThrow());
        assertEquals(Map.of(), FlatJson.read("{}").orElseThrow());
    }

    @Test
    void declinesOtherShapesSoThatTheGeneralParserTakesThem() {
        for (String json : new String[] {"{\"a\":1}", "{\"a\":{\"b\":\"c\"}}", "{\"a\":nul}", "[\"a\"]",
                "{\"a\":\"b\"} trailing", "{\"a\":\"unterminated}", "{\"a\":\"bad \\x escape\"}", "",
                "{\"a\":\"b\",}", "{\"a\":\"raw\u0001control\"}"}) {
            assertTrue(FlatJson.read(json).isEmpty(), json);
        }
        assertEquals(Map.of("a", "b"), RecordValues.decode("{\"a\":\"b\",\"n\":1,\"o\":{}}"));
    }

    @Test
    void writesAndReadsNullForAFieldWithoutValueAsTheJournalNeeds() {
        Map<String, String> previous = new LinkedHashMap<>();
        previous.put("phone", null);
        previous.put("city", "Lyon");

        String json = FlatJson.write(previous);

        assertEquals("{\"phone\":null,\"city\":\"Lyon\"}", json);
        assertEquals(previous, FlatJson.read(json).orElseThrow());
        assertEquals(Map.of("city", "Lyon"), RecordValues.decode(json), "a record has no null values");
    }

    private static String randomText(Random random, int maxLength) {
        String alphabet = "abc XYZ\"\\\n\r\t\u0000\u001fé東😀,:{}";
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(maxLength + 1); i > 0; i--) {
            int at = random.nextInt(alphabet.length());
            char c = alphabet.charAt(at);
            if (Character.isHighSurrogate(c) && at + 1 < alphabet.length()) {
                text.append(c).append(alphabet.charAt(at + 1));
            } else if (!Character.isLowSurrogate(c)) {
                text.append(c);
            }
        }
        return text.toString();
    }

    /** Names are written once and kept by hash: names sharing a slot ("Aa" and "BB" hash alike) stay apart. */
    @Test
    void namesKeptOnceWrittenStayTheirOwnWhenTheyShareASlot() {
        Map<String, String> quoted = new LinkedHashMap<>();
        quoted.put("na\"me", "x");
        quoted.put("Aa", null);

        assertEquals("{\"Aa\":\"1\"}", FlatJson.write(Map.of("Aa", "1")));
        assertEquals("{\"BB\":\"2\"}", FlatJson.write(Map.of("BB", "2")));
        assertEquals("{\"Aa\":\"3\"}", FlatJson.write(Map.of(new String("Aa".toCharArray()), "3")));
        assertEquals("{\"na\\\"me\":\"x\",\"Aa\":null}", FlatJson.write(quoted));
        assertEquals(Optional.of(quoted), FlatJson.read(FlatJson.write(quoted)));
    }
}
