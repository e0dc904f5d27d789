package dev.intake.domain.record;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * Writes and reads the one JSON shape records and the import journal are stored in: a flat object of field name
 * to text or null. It exists for speed, since every row of an import encodes a record and every update decodes
 * one, and a general JSON library builds a tree of objects for each. Output is standard JSON; input in any other
 * shape (numbers, nesting) is declined, so that the caller can hand it to a general parser.
 */
public final class FlatJson {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /**
     * Member names read before, interned, by their hash: a slot may be overwritten by another name at any time
     * (threads share the table without locks, which is safe for immutable strings), costing only a new lookup.
     */
    private static final String[] KNOWN_NAMES = new String[256];

    /** Member names written before, with their written text, by hash; see {@link #writtenName}. */
    private static final WrittenName[] WRITTEN_NAMES = new WrittenName[256];

    private FlatJson() {
    }

    /** The values as one JSON object, in the map's order; a null value is written as JSON null. */
    public static String write(Map<String, String> values) {
        StringBuilder json = new StringBuilder(capacityFor(values));
        write(values, json);
        return json.toString();
    }

    /** {@link #write(Map)} appended to the given text, for a caller that joins several objects in one text. */
    public static void write(Map<String, String> values, StringBuilder json) {
        json.append('{');
        boolean first = true;
        for (Map.Entry<String, String> entry : values.entrySet()) {
            if (!first) {
                json.append(',');
            }
            first = false;
            json.append(writtenName(entry.getKey()));
            if (entry.getValue() == null) {
                json.append("null");
            } else {
                writeString(json, entry.getValue());
            }
        }
        json.append('}');
    }

    /**
     * Room for a record of short values without growing: a record is written for every row an import changes, and
     * each growth copies what was written so far. Counting the members' lengths first costs about as much as the
     * copies it saves (it showed in the profile as much as they did), so the room is an estimate per member.
     */
    private static int capacityFor(Map<String, String> values) {
        return 16 + values.size() * 48;
    }

    /**
     * A member's name as written, quoted and escaped, with the colon after it: records of an app repeat the same
     * few names (mostly the same instances, see {@link #KNOWN_NAMES}), so they are written once and kept by hash
     * in a table shared without locks like that one; a slot holds a name with its text, read as one object.
     */
    private static String writtenName(String name) {
        int slot = name.hashCode() & (WRITTEN_NAMES.length - 1);
        WrittenName known = WRITTEN_NAMES[slot];
        if (known != null && (known.name == name || known.name.equals(name))) {
            return known.text;
        }
        StringBuilder text = new StringBuilder(name.length() + 3);
        writeString(text, name);
        WrittenName written = new WrittenName(name, text.append(':').toString());
        WRITTEN_NAMES[slot] = written;
        return written.text;
    }

    /** A member's name and its text as written; its fields are final, so a thread that sees it sees both. */
    private record WrittenName(String name, String text) {
    }

    private static void writeString(StringBuilder json, String text) {
        json.append('"');
        int plainFrom = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') {
                continue;
            }
            json.append(text, plainFrom, i);
            writeEscape(json, c);
            plainFrom = i + 1;
        }
        if (plainFrom == 0) {
            json.append(text); // copied as a block; appending a range copies character by character
        } else {
            json.append(text, plainFrom, text.length());
        }
        json.append('"');
    }

    private static void writeEscape(StringBuilder json, char c) {
        switch (c) {
            case '"' -> json.append("\\\"");
            case '\\' -> json.append("\\\\");
            case '\n' -> json.append("\\n");
            case '\r' -> json.append("\\r");
            case '\t' -> json.append("\\t");
            case '\b' -> json.append("\\b");
            case '\f' -> json.append("\\f");
            default -> json.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
        }
    }

    /** The object's name-value pairs in order (null for JSON null), or empty when it is not a flat object. */
    public static Optional<Map<String, String>> read(String json) {
        Map<String, String> values = new LinkedHashMap<>();
        return new Reader(json).object(values::put) ? Optional.of(values) : Optional.empty();
    }

    /**
     * The object's text members as an immutable map, without those that are JSON null, or empty when it is not a
     * flat object: how a stored record's values are read, for every record an import loads, so the map is built
     * once from the members rather than copied from an ordered one. A name given twice counts with its last value.
     */
    @SuppressWarnings({"unchecked", "rawtypes"}) // no array of a generic type can be made; it holds only these
    public static Optional<Map<String, String>> readText(String json) {
        List<Map.Entry<String, String>> members = new ArrayList<>();
        boolean[] hasNull = {false};
        boolean flat = new Reader(json).object((name, value) -> {
            if (value == null) {
                hasNull[0] = true;
            }
            members.add(new AbstractMap.SimpleImmutableEntry<>(name, value));
        });
        if (!flat) {
            return Optional.empty();
        }
        if (!hasNull[0]) {
            try {
                return Optional.of(Map.ofEntries(members.toArray(new Map.Entry[0])));
            } catch (IllegalArgumentException nameGivenTwice) {
                // the ordered map below keeps the last value, as read does
            }
        }
        Map<String, String> values = new LinkedHashMap<>();
        members.forEach(member -> values.put(member.getKey(), member.getValue()));
        values.values().removeIf(Objects::isNull);
        return Optional.of(Map.copyOf(values));
    }

    /** A single pass over the text; any surprise answers empty rather than guessing. */
    private static final class Reader {
        private final String json;
        private int at;

        Reader(String json) {
            this.json = json;
        }

        /** Hands every member to the sink in order; false when the text is not a flat object. */
        boolean object(BiConsumer<String, String> members) {
            if (!skipTo('{')) {
                return false;
            }
            if (peekAfterSpace() == '}') {
                at++;
                return endOfText();
            }
            while (true) {
                String name = name();
                if (name == null || !skipTo(':')) {
                    return false;
                }
                if (nullLiteral()) {
                    members.accept(name, null);
                } else {
                    String value = string();
                    if (value == null) {
                        return false;
                    }
                    members.accept(name, value);
                }
                char next = peekAfterSpace();
                at++;
                if (next == '}') {
                    return endOfText();
                }
                if (next != ',') {
                    return false;
                }
            }
        }

        /**
         * A member's name: the same instance every time a name is read again (records of an app repeat the same
         * few names millions of times), so that maps built from it neither hash it again nor compare its text.
         */
        private String name() {
            if (peekAfterSpace() != '"') {
                return null;
            }
            int from = at + 1;
            int hash = 0;
            for (int i = from; i < json.length(); i++) {
                char c = json.charAt(i);
                if (c == '"') {
                    return knownName(from, i, hash);
                }
                if (c == '\\' || c < 0x20) {
                    break;
                }
                hash = 31 * hash + c;
            }
            return string();
        }

        private String knownName(int from, int to, int hash) {
            int slot = hash & (KNOWN_NAMES.length - 1);
            String known = KNOWN_NAMES[slot];
            at = to + 1;
            if (known != null && known.length() == to - from && json.startsWith(known, from)) {
                return known;
            }
            String name = json.substring(from, to).intern();
            KNOWN_NAMES[slot] = name;
            return name;
        }

        private String string() {
            if (!skipTo('"')) {
                return null;
            }
            StringBuilder text = null;
            int plainFrom = at;
            while (at < json.length()) {
                char c = json.charAt(at);
                if (c == '"') {
                    String plain = json.substring(plainFrom, at++);
                    return text == null ? plain : text.append(plain).toString();
                }
                if (c < 0x20) {
                    return null;
                }
                if (c == '\\') {
                    text = text == null ? new StringBuilder() : text;
                    text.append(json, plainFrom, at);
                    if (!unescape(text)) {
                        return null;
                    }
                    plainFrom = at;
                } else {
                    at++;
                }
            }
            return null;
        }

        /** Reads the escape at the cursor into the text; false when it is not a valid one. */
        private boolean unescape(StringBuilder text) {
            if (at + 1 >= json.length()) {
                return false;
            }
            char kind = json.charAt(at + 1);
            at += 2;
            switch (kind) {
                case '"', '\\', '/' -> text.append(kind);
                case 'n' -> text.append('\n');
                case 'r' -> text.append('\r');
                case 't' -> text.append('\t');
                case 'b' -> text.append('\b');
                case 'f' -> text.append('\f');
                case 'u' -> {
                    return unicodeEscape(text);
                }
                default -> {
                    return false;
                }
            }
            return true;
        }

        private boolean unicodeEscape(StringBuilder text) {
            if (at + 4 > json.length()) {
                return false;
            }
            int code = 0;
            for (int i = 0; i < 4; i++) {
                int digit = Character.digit(json.charAt(at + i), 16);
                if (digit < 0) {
                    return false;
                }
                code = code * 16 + digit;
            }
            at += 4;
            text.append((char) code);
            return true;
        }

        private boolean nullLiteral() {
            if (peekAfterSpace() == 'n' && json.startsWith("null", at)) {
                at += 4;
                return true;
            }
            return false;
        }

        private boolean skipTo(char expected) {
            if (peekAfterSpace() != expected) {
                return false;
            }
            at++;
            return true;
        }

        private char peekAfterSpace() {
            while (at < json.length() && isSpace(json.charAt(at))) {
                at++;
            }
            return at < json.length() ? json.charAt(at) : 0;
        }

        private boolean endOfText() {
            return peekAfterSpace() == 0 && at >= json.length();
        }

        private static boolean isSpace(char c) {
            return c == ' ' || c == '\n' || c == '\r' || c == '\t';
        }
    }
}
