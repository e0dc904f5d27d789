package dev.intake.domain.record;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Writes and reads the one JSON shape records and the import journal are stored in: a flat object of field name
 * to text or null. It exists for speed, since every row of an import encodes a record and every update decodes
 * one, and a general JSON library builds a tree of objects for each. Output is standard JSON; input in any other
 * shape (numbers, nesting) is declined, so that the caller can hand it to a general parser.
 */
public final class FlatJson {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private FlatJson() {
    }

    /** The values as one JSON object, in the map's order; a null value is written as JSON null. */
    public static String write(Map<String, String> values) {
        StringBuilder json = new StringBuilder(16 + values.size() * 24);
        json.append('{');
        boolean first = true;
        for (Map.Entry<String, String> entry : values.entrySet()) {
            if (!first) {
                json.append(',');
            }
            first = false;
            writeString(json, entry.getKey());
            json.append(':');
            if (entry.getValue() == null) {
                json.append("null");
            } else {
                writeString(json, entry.getValue());
            }
        }
        return json.append('}').toString();
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
        json.append(text, plainFrom, text.length()).append('"');
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
        return new Reader(json).object();
    }

    /** A single pass over the text; any surprise answers empty rather than guessing. */
    private static final class Reader {
        private final String json;
        private int at;

        Reader(String json) {
            this.json = json;
        }

        Optional<Map<String, String>> object() {
            Map<String, String> values = new LinkedHashMap<>();
            if (!skipTo('{')) {
                return Optional.empty();
            }
            if (peekAfterSpace() == '}') {
                at++;
                return endOfText() ? Optional.of(values) : Optional.empty();
            }
            while (true) {
                String name = string();
                if (name == null || !skipTo(':')) {
                    return Optional.empty();
                }
                if (nullLiteral()) {
                    values.put(name, null);
                } else {
                    String value = string();
                    if (value == null) {
                        return Optional.empty();
                    }
                    values.put(name, value);
                }
                char next = peekAfterSpace();
                at++;
                if (next == '}') {
                    return endOfText() ? Optional.of(values) : Optional.empty();
                }
                if (next != ',') {
                    return Optional.empty();
                }
            }
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
