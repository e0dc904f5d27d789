package dev.intake.domain.importing.csv;

import dev.intake.domain.importing.ImportOptions;
import dev.intake.domain.importing.ImportRefusedException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds how a CSV file is written from its first 64 KiB, unless the import's options say so.
 *
 * <p>The character set comes from a byte-order mark (UTF-8, UTF-16LE, UTF-16BE); without one the file is UTF-8 when
 * its bytes are valid UTF-8 and windows-1252 otherwise, which is what spreadsheets on Windows write. The delimiter is
 * the most frequent of {@code , ; TAB |} outside quotes on the header line, a tie going to the comma. Blank and
 * delimiter-only lines before the header are passed over, as {@link CsvRowReader} does.
 */
public final class CsvFormatDetector {

    /** How many bytes are examined; a header line longer than this is judged on its first part. */
    static final int SAMPLE_SIZE = 64 * 1024;

    private static final String CANDIDATE_DELIMITERS = ",;\t|";
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private CsvFormatDetector() {
    }

    /**
     * Detects the format of {@code file}, honouring {@code options.encoding()} and {@code options.delimiter()}.
     *
     * @throws ImportRefusedException {@code INVALID_CSV} when the file holds no header line, {@code INVALID_OPTION}
     *     when the encoding names no character set this server knows or the delimiter cannot separate values
     * @throws UncheckedIOException when the file cannot be read
     */
    public static CsvFormat detect(Path file, ImportOptions options) {
        Sample sample = Sample.read(file);
        ByteOrderMark mark = ByteOrderMark.of(sample.bytes());
        Charset charset = charset(sample, mark, options.encoding());
        String text = decodeLeniently(sample.bytes(), charset);

        HeaderLine header = HeaderLine.find(text);
        if (header == null && sample.complete()) {
            throw new ImportRefusedException("INVALID_CSV", "The file is empty: it holds no header line. Upload a"
                    + " CSV file whose first line names the columns.");
        }
        char delimiter = options.delimiter() != null ? checkedDelimiter(options.delimiter())
                : header != null ? header.delimiter() : ',';
        boolean byteOrderMark = mark != null && charset.name().startsWith("UTF");
        return new CsvFormat(charset, delimiter, byteOrderMark);
    }

    private static Charset charset(Sample sample, ByteOrderMark mark, String encoding) {
        if (encoding != null && !encoding.isBlank()) {
            return namedCharset(encoding.strip());
        }
        if (mark != null) {
            return mark.charset();
        }
        refuseBinary(sample);
        return isUtf8(sample) || hasUtf8Sequences(sample.bytes()) ? StandardCharsets.UTF_8 : WINDOWS_1252;
    }

    /** NUL bytes do not occur in text that is not UTF-16, and UTF-16 without a byte-order mark is not guessed. */
    private static void refuseBinary(Sample sample) {
        for (byte b : sample.bytes()) {
            if (b == 0) {
                throw new ImportRefusedException("INVALID_CSV", "The file holds NUL bytes, so it is not a CSV text"
                        + " file. If it is UTF-16 text, save it with a byte-order mark or set the encoding option.");
            }
        }
    }

    /**
     * Whether the bytes hold well-formed multi-byte UTF-8 sequences, as a file that is UTF-8 apart from a few
     * stray bytes does. Such a file is read as UTF-8, so that the stray bytes are reported with their line
     * instead of every accented letter of the file being silently misread as windows-1252.
     */
    static boolean hasUtf8Sequences(byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            int lead = bytes[i] & 0xFF;
            int continuations = lead >= 0xC2 && lead <= 0xDF ? 1 : lead >= 0xE0 && lead <= 0xEF ? 2
                    : lead >= 0xF0 && lead <= 0xF4 ? 3 : 0;
            if (continuations > 0 && i + continuations < bytes.length && followedByContinuations(bytes, i,
                    continuations)) {
                return true;
            }
        }
        return false;
    }

    private static boolean followedByContinuations(byte[] bytes, int lead, int count) {
        for (int k = 1; k <= count; k++) {
            if ((bytes[lead + k] & 0xC0) != 0x80) {
                return false;
            }
        }
        return true;
    }

    private static Charset namedCharset(String encoding) {
        try {
            return Charset.forName(encoding);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new ImportRefusedException("INVALID_OPTION", "The encoding '" + encoding
                    + "' is not a character set this server knows; use a name such as UTF-8 or windows-1252, "
                    + "or leave the option out to detect it.");
        }
    }

    private static char checkedDelimiter(char delimiter) {
        if (delimiter == '"' || delimiter == '\r' || delimiter == '\n') {
            throw new ImportRefusedException("INVALID_OPTION", "The delimiter cannot be a quote or a line break; "
                    + "use a character such as ',' or ';', or leave the option out to detect it.");
        }
        return delimiter;
    }

    /** Whether the sample is valid UTF-8, forgiving a multi-byte sequence cut off where the sample ends. */
    static boolean isUtf8(Sample sample) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(sample.bytes());
        CharBuffer out = CharBuffer.allocate(sample.bytes().length + 1);
        if (decoder.decode(in, out, sample.complete()).isError()) {
            return false;
        }
        if (sample.complete()) {
            return !decoder.flush(out).isError();
        }
        return in.remaining() < 4;
    }

    private static String decodeLeniently(byte[] bytes, Charset charset) {
        try {
            return charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IllegalStateException("A replacing decoder reported a coding error", e);
        }
    }

    /** The first bytes of a file, and whether they are all of it. */
    record Sample(byte[] bytes, boolean complete) {

        static Sample read(Path file) {
            try (InputStream in = Files.newInputStream(file)) {
                byte[] bytes = in.readNBytes(SAMPLE_SIZE);
                return new Sample(bytes, in.read() < 0);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + file.getFileName(), e);
            }
        }
    }

    /** The Unicode byte-order marks a CSV file may start with. */
    private enum ByteOrderMark {
        UTF_8(StandardCharsets.UTF_8, 0xEF, 0xBB, 0xBF),
        UTF_16LE(StandardCharsets.UTF_16LE, 0xFF, 0xFE),
        UTF_16BE(StandardCharsets.UTF_16BE, 0xFE, 0xFF);

        private final Charset charset;
        private final int[] bytes;

        ByteOrderMark(Charset charset, int... bytes) {
            this.charset = charset;
            this.bytes = bytes;
        }

        Charset charset() {
            return charset;
        }

        static ByteOrderMark of(byte[] start) {
            for (ByteOrderMark mark : values()) {
                if (mark.starts(start)) {
                    return mark;
                }
            }
            return null;
        }

        private boolean starts(byte[] start) {
            if (start.length < bytes.length) {
                return false;
            }
            for (int i = 0; i < bytes.length; i++) {
                if ((start[i] & 0xFF) != bytes[i]) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Counts of each candidate delimiter outside quotes on the first line that holds more than blanks. */
    private record HeaderLine(int[] counts) {

        static HeaderLine find(String text) {
            int[] counts = new int[CANDIDATE_DELIMITERS.length()];
            boolean quoted = false;
            boolean content = false;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '"') {
                    quoted = !quoted;
                    content = true;
                } else if (quoted) {
                    continue;
                } else if (c == '\r' || c == '\n') {
                    if (content) {
                        return new HeaderLine(counts);
                    }
                    counts = new int[counts.length];
                } else {
                    int candidate = CANDIDATE_DELIMITERS.indexOf(c);
                    if (candidate >= 0) {
                        counts[candidate]++;
                    } else if (!CsvRow.isBlank(c)) {
                        content = true;
                    }
                }
            }
            return content ? new HeaderLine(counts) : null;
        }

        char delimiter() {
            int best = 0;
            for (int i = 1; i < counts.length; i++) {
                if (counts[i] > counts[best]) {
                    best = i;
                }
            }
            return CANDIDATE_DELIMITERS.charAt(best);
        }
    }
}
