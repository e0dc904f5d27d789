package dev.intake.domain.importing;

import dev.intake.domain.app.AppDefinition;
import dev.intake.domain.app.FieldDefinition;
import dev.intake.domain.importing.csv.CsvRow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Checks a file's header against an app before anything is written. Each header cell must name a field by its name
 * or its label, ignoring letter case, surrounding spaces, a byte-order mark and {@code _}, space or {@code -}
 * differences; nothing is guessed beyond that. A blank header cell makes an unnamed column.
 *
 * <p>Unknown columns refuse the import (unless it ignores them), then columns naming a field twice, then required
 * fields without a column; the refusal carries the code of the first kind found and its message lists every
 * problem, so one correction fixes the file.
 */
public final class HeaderMatcher {

    private static final int MAX_NAMED = 20;
    private static final int MAX_HEADER_SHOWN = 100;

    private HeaderMatcher() {
    }

    /**
     * Maps each column of {@code header} to the field of {@code app} it names.
     *
     * @param header the first row of the file, or null when the file has none
     * @throws ImportRefusedException {@code UNKNOWN_COLUMNS}, {@code DUPLICATE_COLUMNS} or
     *     {@code MISSING_REQUIRED_COLUMNS}; {@code INVALID_CSV} when there is no header
     */
    public static HeaderMapping match(AppDefinition app, CsvRow header, boolean ignoreUnknownColumns) {
        if (header == null) {
            throw new ImportRefusedException("INVALID_CSV", "The file has no header line: its first line must name "
                    + "the columns.");
        }
        Map<String, FieldDefinition> fieldsByKey = fieldsByKey(app);
        List<HeaderMapping.Column> columns = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            String text = header.cell(i).replace("\uFEFF", "");
            String key = canonicalHeader(text);
            FieldDefinition field = fieldsByKey.get(key);
            if (key.isEmpty()) {
                columns.add(HeaderMapping.Column.unnamed(i, text));
            } else if (field != null) {
                columns.add(HeaderMapping.Column.field(i, text, field));
            } else {
                unknown.add(text);
                columns.add(HeaderMapping.Column.ignored(i, text));
            }
        }
        refuseProblems(app, columns, ignoreUnknownColumns ? List.of() : unknown);
        return new HeaderMapping(columns);
    }

    /**
     * The mapping a person chose for each column, by column index, instead of the header's names: a column left
     * out is ignored. The same checks apply: a field mapped twice, or a required field no column fills, refuses
     * the import; a field name the app does not have is refused too.
     */
    public static HeaderMapping mapExplicitly(AppDefinition app, CsvRow header, Map<Integer, String> fieldByColumn) {
        if (header == null) {
            throw new ImportRefusedException("INVALID_CSV", "The file has no header line: its first line must name "
                    + "the columns.");
        }
        List<HeaderMapping.Column> columns = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            String text = header.cell(i).replace("\uFEFF", "");
            String fieldName = fieldByColumn.get(i);
            FieldDefinition field = fieldName == null ? null : app.field(fieldName).orElse(null);
            if (fieldName != null && field == null) {
                unknown.add(fieldName);
            }
            columns.add(field != null ? HeaderMapping.Column.field(i, text, field)
                    : HeaderMapping.Column.ignored(i, text));
        }
        refuseProblems(app, columns, unknown);
        return new HeaderMapping(columns);
    }

    /** For each column, the field its header names, or null: what a mapping review starts from. */
    public static List<FieldDefinition> suggest(AppDefinition app, CsvRow header) {
        Map<String, FieldDefinition> fieldsByKey = fieldsByKey(app);
        List<FieldDefinition> suggestions = new ArrayList<>();
        for (String cell : header.cells()) {
            suggestions.add(fieldsByKey.get(canonicalHeader(cell.replace("\uFEFF", ""))));
        }
        return suggestions;
    }

    /**
     * The form in which header cells and field names or labels are compared: without a byte-order mark, white
     * space, {@code _} or {@code -}, in lower case. A blank header gives an empty string.
     */
    public static String canonicalHeader(String header) {
        StringBuilder key = new StringBuilder(header.length());
        for (int i = 0; i < header.length(); i++) {
            char c = header.charAt(i);
            if (c != '_' && c != '-' && !CsvRow.isBlank(c)) {
                key.append(c);
            }
        }
        return key.toString().toLowerCase(Locale.ROOT);
    }

    /** Names first, then labels, so that a field's name always wins over another field's label. */
    private static Map<String, FieldDefinition> fieldsByKey(AppDefinition app) {
        Map<String, FieldDefinition> byKey = new LinkedHashMap<>();
        for (FieldDefinition field : app.fields()) {
            byKey.putIfAbsent(canonicalHeader(field.name()), field);
        }
        for (FieldDefinition field : app.fields()) {
            byKey.putIfAbsent(canonicalHeader(field.label()), field);
        }
        return byKey;
    }

    private static void refuseProblems(AppDefinition app, List<HeaderMapping.Column> columns, List<String> unknown) {
        Map<FieldDefinition, List<String>> duplicates = duplicates(columns);
        List<FieldDefinition> missing = missingRequired(app, columns);
        if (unknown.isEmpty() && duplicates.isEmpty() && missing.isEmpty()) {
            return;
        }
        List<String> problems = new ArrayList<>();
        if (!unknown.isEmpty()) {
            problems.add(unknownMessage(app, unknown));
        }
        if (!duplicates.isEmpty()) {
            problems.add(duplicatesMessage(duplicates));
        }
        if (!missing.isEmpty()) {
            problems.add(missingMessage(missing));
        }
        String message = String.join(" ", problems);
        if (!unknown.isEmpty()) {
            throw new ImportRefusedException("UNKNOWN_COLUMNS", message, unknown);
        }
        if (!duplicates.isEmpty()) {
            List<String> names = duplicates.values().stream().flatMap(List::stream).toList();
            throw new ImportRefusedException("DUPLICATE_COLUMNS", message, names);
        }
        throw new ImportRefusedException("MISSING_REQUIRED_COLUMNS", message,
                missing.stream().map(FieldDefinition::label).toList());
    }

    private static Map<FieldDefinition, List<String>> duplicates(List<HeaderMapping.Column> columns) {
        Map<FieldDefinition, List<String>> headersByField = new LinkedHashMap<>();
        for (HeaderMapping.Column column : columns) {
            if (column.role() == HeaderMapping.Role.FIELD) {
                headersByField.computeIfAbsent(column.field(), f -> new ArrayList<>()).add(column.header());
            }
        }
        headersByField.values().removeIf(headers -> headers.size() < 2);
        return headersByField;
    }

    private static List<FieldDefinition> missingRequired(AppDefinition app, List<HeaderMapping.Column> columns) {
        List<FieldDefinition> mapped = columns.stream()
                .filter(c -> c.role() == HeaderMapping.Role.FIELD)
                .map(HeaderMapping.Column::field)
                .toList();
        return app.fields().stream().filter(f -> f.required() && !mapped.contains(f)).toList();
    }

    private static String unknownMessage(AppDefinition app, List<String> unknown) {
        String accepted = app.fields().stream()
                .map(f -> f.label().equals(f.name()) ? f.name() : f.name() + " (" + f.label() + ")")
                .collect(Collectors.joining(", "));
        return (unknown.size() == 1 ? "The column " : "The columns ") + quoted(unknown)
                + (unknown.size() == 1 ? " names" : " name") + " no field of " + app.label()
                + ". Columns may be named by a field's name or label: " + accepted
                + ". Rename or remove the column, or set ignoreUnknownColumns to skip unknown columns.";
    }

    private static String duplicatesMessage(Map<FieldDefinition, List<String>> duplicates) {
        String each = duplicates.entrySet().stream()
                .map(e -> quoted(e.getValue()) + " name " + e.getKey().label())
                .collect(Collectors.joining("; "));
        return "Several columns name the same field: " + each + ". Keep one column per field.";
    }

    private static String missingMessage(List<FieldDefinition> missing) {
        String labels = missing.stream().map(FieldDefinition::label).collect(Collectors.joining(", "));
        return "Required " + (missing.size() == 1 ? "field has" : "fields have") + " no column: " + labels
                + ". Add a column for each.";
    }

    /** Headers quoted for a message: at most 20 of them, each cut at 100 characters, control characters shown. */
    private static String quoted(List<String> headers) {
        String shown = headers.stream().limit(MAX_NAMED).map(h -> "'" + printable(h) + "'")
                .collect(Collectors.joining(", "));
        return headers.size() <= MAX_NAMED ? shown : shown + " and " + (headers.size() - MAX_NAMED) + " more";
    }

    private static String printable(String header) {
        String cut = header.length() <= MAX_HEADER_SHOWN ? header : header.substring(0, MAX_HEADER_SHOWN) + "…";
        StringBuilder text = new StringBuilder(cut.length());
        cut.codePoints().forEach(c -> text.append(Character.isISOControl(c) ? String.format("\\u%04x", c)
                : new String(Character.toChars(c))));
        return text.toString();
    }
}
