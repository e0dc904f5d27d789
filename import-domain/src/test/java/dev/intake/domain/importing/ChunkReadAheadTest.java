package dev.intake.domain.importing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.intake.domain.app.AppDefinition;
import dev.intake.domain.app.FieldDefinition;
import dev.intake.domain.app.FieldType;
import dev.intake.domain.importing.csv.CsvFormat;
import dev.intake.domain.importing.csv.CsvRow;
import dev.intake.domain.importing.csv.CsvRowReader;
import dev.intake.domain.record.RecordKey;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChunkReadAheadTest {

    private static final CsvFormat COMMA_UTF8 = new CsvFormat(StandardCharsets.UTF_8, ',', false);

    @TempDir
    Path dir;

    @Test
    void handsOverEveryRowAfterTheCheckpointInChunksInFileOrder() throws Exception {
        Path file = write(fileOf(25, line -> "ok"));

        List<RowChunk> chunks = readAll(file, 5, 10, 100);

        assertEquals(List.of(15, 25, 26), chunks.stream().map(RowChunk::lastLine).toList());
        assertEquals(List.of(10, 10, 1), chunks.stream().map(chunk -> chunk.rows.size()).toList());
        assertEquals(6, chunks.get(0).rows.get(0).line());
        assertEquals(26, chunks.get(2).rows.get(0).line());
    }

    @Test
    void endsWithOneEmptyChunkAtTheCheckpointWhenNoRowFollowsIt() throws Exception {
        Path file = write(fileOf(3, line -> "ok"));

        List<RowChunk> chunks = readAll(file, 4, 10, 100);

        assertEquals(1, chunks.size());
        assertTrue(chunks.get(0).cellsByLine.isEmpty());
        assertEquals(4, chunks.get(0).lastLine());
    }

    @Test
    void closesAChunkAtTheFailedRowThatUsesUpTheAllowanceItKnowsOf() throws Exception {
        Path file = write(fileOf(30, line -> line % 4 == 0 ? "not a number" : "ok"));

        List<RowChunk> chunks = readAll(file, 1, 100, 3);

        assertEquals(12, chunks.get(0).lastLine(), "rows 4, 8 and 12 fail");
        assertEquals(3, chunks.get(0).failedRows());
    }

    @Test
    void trimsAChunkReadAheadToTheRowThatReachesTheAllowanceLeftAfterEarlierChunks() throws Exception {
        Path file = write(fileOf(30, line -> line % 4 == 0 ? "not a number" : "ok"));
        RowChunk chunk = readAll(file, 1, 100, 1000).get(0);

        chunk.trimToErrorsAllowed(2);

        assertEquals(8, chunk.lastLine());
        assertEquals(2, chunk.failedRows());
        assertEquals(List.of(2, 3, 5, 6, 7), chunk.rows.stream().map(ImportRow::line).toList());
        assertEquals(List.of(4, 8), chunk.errors.stream().map(RowError::line).toList());
        assertEquals(7, chunk.cellsByLine.size());
    }

    @Test
    void passesAFailureToReadOnAfterTheChunksReadBeforeIt() throws Exception {
        Path file = write("name,amount\nok,1\nok,2\n\"unterminated,3\n");

        try (CsvRowReader reader = CsvRowReader.open(file, COMMA_UTF8)) {
            reader.next();
            try (ChunkReadAhead chunks = ChunkReadAhead.start(new Threads(), reader, converter(), 1, 1, 100)) {
                assertEquals(2, chunks.next().lastLine());
                assertEquals(3, chunks.next().lastLine());
                assertThrows(Exception.class, () -> {
                    for (RowChunk chunk = chunks.next(); chunk != null; chunk = chunks.next()) {
                        assertTrue(chunk.lastLine() > 3);
                    }
                });
                assertNull(chunks.next());
            }
        }
    }

    /** The import gives rows their match keys this way, off the thread that plans them. */
    @Test
    void preparesEveryChunkOnTheReadingThreadBeforeHandingItOver() throws Exception {
        Path file = write(fileOf(25, line -> "ok"));
        List<String> preparedOn = new ArrayList<>();

        try (CsvRowReader reader = CsvRowReader.open(file, COMMA_UTF8)) {
            reader.next();
            try (ChunkReadAhead chunks = ChunkReadAhead.start(new Threads(), reader, converter(), 1, 10, 100,
                    chunk -> {
                        preparedOn.add(Thread.currentThread().getName());
                        chunk.rows.replaceAll(row -> row.withKeys(List.of(new RecordKey(0, "row" + row.line()))));
                    })) {
                for (RowChunk chunk = chunks.next(); chunk != null; chunk = chunks.next()) {
                    chunk.rows.forEach(row -> assertEquals(List.of(new RecordKey(0, "row" + row.line())),
                            row.keys()));
                }
            }
        }
        assertEquals(List.of("read-ahead-test", "read-ahead-test", "read-ahead-test"), preparedOn);
    }

    @Test
    void stopsReadingWhenClosedEarly() throws Exception {
        Path file = write(fileOf(5000, line -> "ok"));

        try (CsvRowReader reader = CsvRowReader.open(file, COMMA_UTF8)) {
            reader.next();
            ChunkReadAhead chunks = ChunkReadAhead.start(new Threads(), reader, converter(), 1, 10, 100);
            assertEquals(11, chunks.next().lastLine());
            chunks.close();
        }
    }

    private List<RowChunk> readAll(Path file, int checkpointLine, int chunkSize, int errorsAllowed)
            throws Exception {
        List<RowChunk> chunks = new ArrayList<>();
        try (CsvRowReader reader = CsvRowReader.open(file, COMMA_UTF8)) {
            reader.next();
            try (ChunkReadAhead readAhead = ChunkReadAhead.start(new Threads(), reader, converter(), checkpointLine,
                    chunkSize, errorsAllowed)) {
                for (RowChunk chunk = readAhead.next(); chunk != null; chunk = readAhead.next()) {
                    chunks.add(chunk);
                }
            }
        }
        return chunks;
    }

    private static String fileOf(int rows, java.util.function.IntFunction<String> amountOfLine) {
        StringBuilder csv = new StringBuilder("name,amount\n");
        for (int line = 2; line < rows + 2; line++) {
            String amount = amountOfLine.apply(line);
            csv.append("row").append(line).append(',').append(amount.equals("ok") ? String.valueOf(line) : amount)
                    .append('\n');
        }
        return csv.toString();
    }

    private Path write(String csv) throws IOException {
        return Files.writeString(dir.resolve("rows.csv"), csv);
    }

    private static RowConverter converter() {
        AppDefinition app = new AppDefinition("thing", "Thing", List.of(
                new FieldDefinition("name", "Name", FieldType.TEXT, true, false, null, null, null),
                new FieldDefinition("amount", "Amount", FieldType.NUMBER, false, false, null, null, null)),
                List.of(List.of("name")));
        HeaderMapping mapping = HeaderMatcher.match(app, new CsvRow(1, List.of("name", "amount")), false);
        return new RowConverter(mapping, new ValueConverter(ImportOptions.defaults()));
    }

    /** Plain threads, as the server's managed thread factory gives them. */
    private static final class Threads implements ManagedThreadFactory {
        @Override
        public Thread newThread(Runnable task) {
            return new Thread(task, "read-ahead-test");
        }

        @Override
        public ForkJoinWorkerThread newThread(ForkJoinPool pool) {
            throw new UnsupportedOperationException("not used");
        }
    }
}
