package dev.intake.domain.importing;

import dev.intake.domain.app.FieldDefinition;
import java.util.List;
import java.util.Objects;

/**
 * What each column of an accepted header means for an app: the field it names, or that it has no header (an
 * unnamed column, whose cells must stay blank), or that it names nothing the app knows and is ignored because the
 * import said so. Made by {@link HeaderMatcher}, which refuses headers that name a field twice or miss a required
 * one, so every field appears at most once here.
 */
public final class HeaderMapping {

    /** The part a column plays in the import. */
    public enum Role {
        /** The column names a field of the app. */
        FIELD,
        /** The header cell is blank; values under it are row errors. */
        UNNAMED,
        /** The column names no field and the import ignores unknown columns; its values are skipped. */
        IGNORED
    }

    /** One column: its position, its header as written in the file, its role and, for a field column, the field. */
    public record Column(int index, String header, Role role, FieldDefinition field) {

        public Column {
            Objects.requireNonNull(header, "header");
            Objects.requireNonNull(role, "role");
            if ((role == Role.FIELD) != (field != null)) {
                throw new IllegalArgumentException("Exactly the field columns carry a field");
            }
        }

        static Column field(int index, String header, FieldDefinition field) {
            return new Column(index, header, Role.FIELD, field);
        }

        static Column unnamed(int index, String header) {
            return new Column(index, header, Role.UNNAMED, null);
        }

        static Column ignored(int index, String header) {
            return new Column(index, header, Role.IGNORED, null);
        }
    }

    private final List<Column> columns;

    HeaderMapping(List<Column> columns) {
        this.columns = List.copyOf(columns);
    }

    /** All columns in file order. */
    public List<Column> columns() {
        return columns;
    }

    /** How many columns the header has. */
    public int size() {
        return columns.size();
    }

    /** The column at {@code index}. */
    public Column column(int index) {
        return columns.get(index);
    }

    /** The fields that have a column, in column order. */
    public List<FieldDefinition> mappedFields() {
        return columns.stream().filter(c -> c.role() == Role.FIELD).map(Column::field).toList();
    }

    /** The header, as written, of the column naming the field called {@code fieldName}; null when none does. */
    public String columnOf(String fieldName) {
        return columns.stream()
                .filter(c -> c.role() == Role.FIELD && c.field().name().equals(fieldName))
                .map(Column::header)
                .findFirst()
                .orElse(null);
    }
}
