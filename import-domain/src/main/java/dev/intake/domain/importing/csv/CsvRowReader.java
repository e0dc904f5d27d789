package dev.intake.domain.importing.csv;

import dev.intake.domain.importing.ImportRefusedException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Streams the rows of a CSV file, one at a time, with the physical line each row starts on.
 *
 * <p>The first row returned is the header, without a byte-order mark. Rows end at CRLF, LF or a bare CR. A value
 * that starts with a quote may hold delimiters, line breaks (kept exactly as in the file) and doubled quotes; text
 * after its closing quote is kept as written, and a quote inside an unquoted value is an ordinary character. Rows
 * whose cells are all blank (empty lines, white space, only delimiters) are skipped, though their lines still
 * count. Only a buffer and the current row are held in memory.
 *
 * <p>A file that ends inside a quoted value, a value longer than {@value #MAX_VALUE_LENGTH} characters (almost
 * always a quote that never closes) and bytes that are not valid in the file's character set end the reading with
 * an {@link ImportRefusedException} coded {@code INVALID_CSV}; other read failures are {@link IOException}s.
 */
public final class CsvRowReader implements AutoCloseable {

    /** The longest value accepted, so that a stray quote cannot pull a whole file into memory. */
    public static final int MAX_VALUE_LENGTH = 4 * 1024 * 1024;

    private static final int BUFFER_SIZE = 64 * 1024;
    private static final int END = -1;

    private final InputStream in;
    private final CharsetDecoder decoder;
    private final char delimiter;
    private final ByteBuffer bytes = ByteBuffer.allocate(BUFFER_SIZE).flip();
    private final char[] buffer = new char[BUFFER_SIZE];
    private final StringBuilder cell = new StringBuilder();
    private boolean endOfInput;
    private boolean flushed;
    private int position;
    private int limit;
    private int line = 1;

    private CsvRowReader(InputStream in, CsvFormat format) {
        this.in = in;
        this.decoder = format.charset().newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        this.delimiter = format.delimiter();
    }

    /** Opens {@code file} for reading in {@code format}. */
    public static CsvRowReader open(Path file, CsvFormat format) throws IOException {
        InputStream in = Files.newInputStream(file);
        try {
            CsvRowReader reader = new CsvRowReader(in, format);
            reader.skipByteOrderMark();
            return reader;
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /**
     * The next row that holds at least one non-blank cell, or null at the end of the file.
     *
     * @throws ImportRefusedException {@code INVALID_CSV} when the file cannot be read on as CSV
     */
    public CsvRow next() throws IOException {
        while (true) {
            int first = read();
            if (first == END) {
                return null;
            }
            int rowLine = line;
            List<String> cells = readCells(first);
            if (!allBlank(cells)) {
                return new CsvRow(rowLine, cells);
            }
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private List<String> readCells(int first) throws IOException {
        List<String> cells = new ArrayList<>();
        int c = first;
        while (true) {
            cell.setLength(0);
            if (c == '"') {
                c = readQuoted();
            }
            c = readPlain(c);
            cells.add(cell.toString());
            if (c != delimiter) {
                endLine(c);
                return cells;
            }
            c = read();
        }
    }

    /** Reads a quoted value after its opening quote; returns the character after the closing quote. */
    private int readQuoted() throws IOException {
        int quoteLine = line;
        while (true) {
            int c = read();
            if (c == END) {
                throw unclosedQuote(quoteLine);
            }
            if (c == '"') {
                int after = read();
                if (after != '"') {
                    return after;
                }
            } else if (c == '\r') {
                line++;
                if (peek() == '\n') {
                    cell.append('\r');
                    c = read();
                }
            } else if (c == '\n') {
                line++;
            }
            cell.append((char) c);
            checkLength(quoteLine);
        }
    }

    /** Appends characters up to a delimiter, a line break or the end; returns which one stopped it. */
    private int readPlain(int first) throws IOException {
        int c = first;
        while (c != END && c != delimiter && c != '\r' && c != '\n') {
            cell.append((char) c);
            int start = position;
            while (position < limit && !stopsPlainValue(buffer[position])) {
                position++;
            }
            cell.append(buffer, start, position - start);
            checkLength(line);
            c = read();
        }
        return c;
    }

    private boolean stopsPlainValue(char c) {
        return c == delimiter || c == '\r' || c == '\n';
    }

    private void endLine(int c) throws IOException {
        if (c == '\r') {
            line++;
            if (peek() == '\n') {
                position++;
            }
        } else if (c == '\n') {
            line++;
        }
    }

    private void checkLength(int startLine) {
        if (cell.length() > MAX_VALUE_LENGTH) {
            throw new ImportRefusedException("INVALID_CSV", "The value starting on line " + startLine
                    + " is longer than " + MAX_VALUE_LENGTH + " characters. Most likely a quote opened there is "
                    + "never closed: close it, or double the quotes inside the value (\"\").");
        }
    }

    private ImportRefusedException unclosedQuote(int quoteLine) {
        return new ImportRefusedException("INVALID_CSV", "The file ends inside a quoted value that opens on line "
                + quoteLine + ". Close that quote, or double the quotes inside the value (\"\"); "
                + "the file may also have been cut off.");
    }

    private static boolean allBlank(List<String> cells) {
        for (String value : cells) {
            if (!CsvRow.isBlank(value)) {
                return false;
            }
        }
        return true;
    }

    private void skipByteOrderMark() throws IOException {
        if (peek() == '\uFEFF') {
            position++;
        }
    }

    private int read() throws IOException {
        if (position == limit && !fill()) {
            return END;
        }
        return buffer[position++];
    }

    private int peek() throws IOException {
        if (position == limit && !fill()) {
            return END;
        }
        return buffer[position];
    }

    /**
     * Decodes the next characters into the buffer. Characters decoded before an invalid byte are returned first, so
     * that the error names the line the invalid byte is on.
     */
    private boolean fill() throws IOException {
        CharBuffer out = CharBuffer.wrap(buffer);
        while (out.position() == 0 && !flushed) {
            CoderResult result = decoder.decode(bytes, out, endOfInput);
            if (result.isError()) {
                if (out.position() > 0) {
                    break;
                }
                throw notInCharset();
            }
            if (result.isUnderflow() && out.position() == 0) {
                if (endOfInput) {
                    decoder.flush(out);
                    flushed = true;
                } else {
                    readBytes();
                }
            }
        }
        position = 0;
        limit = out.position();
        return limit > 0;
    }

    private void readBytes() throws IOException {
        bytes.compact();
        int count = in.read(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
        if (count < 0) {
            endOfInput = true;
        } else {
            bytes.position(bytes.position() + count);
        }
        bytes.flip();
    }

    private ImportRefusedException notInCharset() {
        return new ImportRefusedException("INVALID_CSV", "Line " + line + " holds bytes that are not valid "
                + decoder.charset().name() + ". Save the file as UTF-8, or set the encoding option to the character "
                + "set it was written in (such as windows-1252).");
    }
}
