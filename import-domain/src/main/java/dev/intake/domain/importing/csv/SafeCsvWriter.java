package dev.intake.domain.importing.csv;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * Writes CSV that a spreadsheet opens as plain data: delimited as asked (comma by default), quoted where needed,
 * CRLF line ends, and every cell that a spreadsheet would run as a formula (starting with {@code = + - @}, a tab
 * or a carriage return) prefixed with an apostrophe, so that it shows as the text it was.
 */
public final class SafeCsvWriter {

    private final Writer out;
    private final char delimiter;

    public SafeCsvWriter(Writer out) {
        this(out, ',');
    }

    /** A writer that separates cells with the given delimiter, such as the one the original file used. */
    public SafeCsvWriter(Writer out, char delimiter) {
        this.out = out;
        this.delimiter = delimiter;
    }

    public void writeRow(List<String> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.write(delimiter);
            }
            out.write(quoteIfNeeded(neutralise(cells.get(i) == null ? "" : cells.get(i))));
        }
        out.write("\r\n");
    }

    /** The cell as a spreadsheet must show it: formula starters made inert. */
    public static String neutralise(String cell) {
        if (cell.isEmpty()) {
            return cell;
        }
        char first = cell.charAt(0);
        boolean formula = first == '=' || first == '+' || first == '-' || first == '@' || first == '\t'
                || first == '\r';
        return formula ? "'" + cell : cell;
    }

    private String quoteIfNeeded(String cell) {
        boolean needsQuotes = cell.indexOf(delimiter) >= 0 || cell.indexOf(',') >= 0
                || cell.indexOf('"') >= 0 || cell.indexOf('\n') >= 0
                || cell.indexOf('\r') >= 0 || (!cell.isEmpty() && (cell.charAt(0) == ' '
                        || cell.charAt(cell.length() - 1) == ' '));
        return needsQuotes ? '"' + cell.replace("\"", "\"\"") + '"' : cell;
    }
}
