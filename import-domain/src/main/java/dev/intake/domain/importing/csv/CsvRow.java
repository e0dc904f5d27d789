package dev.intake.domain.importing.csv;

import java.util.List;

/**
 * One row of a CSV file as written: {@code line} is the physical line of the file where the row starts (the header
 * is line 1, and a quoted value spanning lines does not shift it), {@code cells} are its values unquoted but
 * otherwise untouched, including surrounding spaces and line breaks inside quotes.
 */
public record CsvRow(int line, List<String> cells) {

    public CsvRow {
        cells = List.copyOf(cells);
    }

    /** How many cells the row has. */
    public int size() {
        return cells.size();
    }

    /** The cell at {@code index}, or an empty string when the row is shorter. */
    public String cell(int index) {
        return index < cells.size() ? cells.get(index) : "";
    }

    /**
     * Whether a cell holds nothing but white space, including no-break spaces and a stray byte-order mark. A blank
     * cell leaves the stored value unchanged, and a row of blank cells is not a row at all.
     */
    public static boolean isBlank(String cell) {
        for (int i = 0; i < cell.length(); i++) {
            if (!isBlank(cell.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Whether one character is white space, a no-break space or a byte-order mark. */
    public static boolean isBlank(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\uFEFF';
    }
}
