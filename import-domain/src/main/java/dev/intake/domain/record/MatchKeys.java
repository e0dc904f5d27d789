package dev.intake.domain.record;

import dev.intake.domain.app.AppDefinition;
import dev.intake.domain.app.FieldDefinition;
import dev.intake.domain.app.MatchRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns a record's values into the keys its app's match rules find it by. A key joins the values of a rule's
 * fields; values of types that match ignoring case (emails, names) are compared lower case with runs of spaces
 * folded, so {@code " Ana.Lima@Example.com "} and {@code "ana.lima@example.com"} are one key.
 */
public final class MatchKeys {

    private static final char FIELD_SEPARATOR = '\u001f';

    private final List<MatchRule> rules;
    private final Set<String> caseSensitiveFields;
    private final Set<String> matchFields;

    /** Reads the app's rules and field types once: keys are computed for every row of an import. */
    public MatchKeys(AppDefinition app) {
        this.rules = app.matchRules();
        this.caseSensitiveFields = app.fields().stream().filter(field -> !field.type().matchesIgnoringCase())
                .map(FieldDefinition::name).collect(Collectors.toUnmodifiableSet());
        this.matchFields = rules.stream().flatMap(rule -> rule.fields().stream())
                .collect(Collectors.toUnmodifiableSet());
    }

    /** The key of one rule, when every field of the rule has a value. */
    public Optional<String> keyFor(MatchRule rule, Map<String, String> values) {
        if (rule.fields().size() == 1) {
            String field = rule.fields().get(0);
            String value = values.get(field);
            return value == null || value.isBlank() ? Optional.empty() : Optional.of(normalise(field, value));
        }
        StringBuilder key = new StringBuilder();
        for (String fieldName : rule.fields()) {
            String value = values.get(fieldName);
            if (value == null || value.isBlank()) {
                return Optional.empty();
            }
            if (key.length() > 0) {
                key.append(FIELD_SEPARATOR);
            }
            key.append(normalise(fieldName, value));
        }
        return Optional.of(key.toString());
    }

    /**
     * Every key the values give, in rule order: the first is the decisive rule's. An import computes them once
     * per row and per record, and keeps the same instances for all its lookups.
     */
    public List<RecordKey> recordKeys(Map<String, String> values) {
        List<RecordKey> keys = new ArrayList<>(rules.size());
        for (MatchRule rule : rules) {
            keyFor(rule, values).ifPresent(key -> keys.add(new RecordKey(rule.index(), key)));
        }
        return keys;
    }

    /**
     * Whether two versions of a record hold the same value in every field that a match rule reads, so that they
     * have the same keys: most updates change no such field, and need no new keys.
     */
    public boolean sameMatchValues(Map<String, String> before, Map<String, String> after) {
        for (String field : matchFields) {
            if (!Objects.equals(before.get(field), after.get(field))) {
                return false;
            }
        }
        return true;
    }

    /** The first rule whose fields all have values in the row: the rule that decides which record it updates. */
    public Optional<MatchRule> decisiveRule(Map<String, String> values) {
        return rules.stream().filter(rule -> keyFor(rule, values).isPresent()).findFirst();
    }

    private String normalise(String fieldName, String value) {
        return caseSensitiveFields.contains(fieldName) ? value.strip() : foldForMatching(value);
    }

    /** Lower case, surrounding spaces removed and inner runs of white space folded to one space. */
    public static String foldForMatching(String value) {
        return isFolded(value) ? value : fold(value);
    }

    /**
     * Whether folding leaves the value as it is, which it does for most keys (emails, codes): printable ASCII
     * without upper case letters or spaces. Keys are folded for every row and every record read, so this spares
     * three copies of each.
     */
    private static boolean isFolded(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= ' ' || c >= 0x7f || c >= 'A' && c <= 'Z') {
                return false;
            }
        }
        return true;
    }

    private static String fold(String value) {
        String stripped = value.strip();
        StringBuilder folded = new StringBuilder(stripped.length());
        boolean inSpace = false;
        for (int i = 0; i < stripped.length(); i++) {
            char c = stripped.charAt(i);
            if (Character.isWhitespace(c)) {
                inSpace = true;
                continue;
            }
            if (inSpace) {
                folded.append(' ');
                inSpace = false;
            }
            folded.append(c);
        }
        return folded.toString().toLowerCase(Locale.ROOT);
    }

    /** The rules, in order. */
    public List<MatchRule> rules() {
        return rules;
    }
}
