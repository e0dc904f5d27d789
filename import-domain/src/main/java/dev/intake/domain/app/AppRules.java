package dev.intake.domain.app;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The rules a definition must follow before it replaces an app: a lower-case entity key, field names that are
 * unique keys, match rules made of known fields, choices for CHOICE fields and a target for REFERENCE fields.
 */
public final class AppRules {

    private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    private AppRules() {
    }

    /** Checks a definition; {@code appExists} tells whether a referenced app is known. */
    public static void check(AppDefinition app, Predicate<String> appExists) {
        requireKey(app.entity(), "The entity");
        if (app.label() == null || app.label().isBlank()) {
            throw new InvalidDefinitionException("App '" + app.entity() + "' needs a label.");
        }
        if (app.fields().isEmpty()) {
            throw new InvalidDefinitionException("App '" + app.entity() + "' needs at least one field.");
        }
        Set<String> names = new HashSet<>();
        for (FieldDefinition field : app.fields()) {
            checkField(app, field, appExists);
            if (!names.add(field.name())) {
                throw new InvalidDefinitionException("Field '" + field.name() + "' appears twice in app '"
                        + app.entity() + "'.");
            }
        }
        app.matchRules().forEach(rule -> checkRule(app, rule.fields(), names));
        checkHeadersAreDistinct(app);
    }

    /**
     * A CSV header finds a field by its name or its label, ignoring case, spaces, '_' and '-': no two fields may
     * answer to the same header, or a column would silently fill one of them.
     */
    private static void checkHeadersAreDistinct(AppDefinition app) {
        Map<String, String> owners = new HashMap<>();
        for (FieldDefinition field : app.fields()) {
            for (String header : List.of(headerKey(field.name()), headerKey(field.label()))) {
                String owner = owners.putIfAbsent(header, field.name());
                if (owner != null && !owner.equals(field.name())) {
                    throw new InvalidDefinitionException("Fields '" + owner + "' and '" + field.name() + "' would"
                            + " both match a column headed '" + header + "': give them distinct names and labels.");
                }
            }
        }
    }

    private static String headerKey(String text) {
        return text.replaceAll("[\\s_-]+", "").toLowerCase(Locale.ROOT);
    }

    private static void checkField(AppDefinition app, FieldDefinition field, Predicate<String> appExists) {
        requireKey(field.name(), "Field name");
        if (field.type() == FieldType.CHOICE && field.choices().isEmpty()) {
            throw new InvalidDefinitionException("CHOICE field '" + field.name() + "' needs its choices.");
        }
        if (field.type() == FieldType.REFERENCE) {
            String target = field.reference();
            if (target == null || !(target.equals(app.entity()) || appExists.test(target))) {
                throw new InvalidDefinitionException("REFERENCE field '" + field.name()
                        + "' must name an existing app in 'reference' (got '" + target + "').");
            }
        }
        if (field.maxLength() != null && field.maxLength() < 1) {
            throw new InvalidDefinitionException("Field '" + field.name() + "' has a maxLength below 1.");
        }
    }

    private static void checkRule(AppDefinition app, List<String> rule, Set<String> names) {
        if (rule.isEmpty() || rule.stream().anyMatch(String::isBlank)) {
            throw new InvalidDefinitionException("A match rule of app '" + app.entity() + "' is empty.");
        }
        for (String field : rule) {
            if (!names.contains(field)) {
                throw new InvalidDefinitionException("Match rule " + rule + " of app '" + app.entity()
                        + "' names '" + field + "', which is not one of its fields.");
            }
        }
    }

    private static void requireKey(String key, String what) {
        if (key == null || !KEY.matcher(key).matches()) {
            throw new InvalidDefinitionException(what + " '" + key + "' must be lower case letters, digits and '_',"
                    + " starting with a letter, at most 63 characters.");
        }
    }
}
