package dev.intake.domain.importing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportProgressTest {

    private static final ImportOptions DEFAULTS = new ImportOptions(null, null, null, null, false, 1000);

    @Test
    void countsLinesWithAndWithoutAFinalLineEnd(@TempDir Path dir) throws Exception {
        assertEquals(3, ImportProgress.countLines(Files.writeString(dir.resolve("a.csv"), "h\n1\n2\n")));
        assertEquals(3, ImportProgress.countLines(Files.writeString(dir.resolve("b.csv"), "h\n1\n2")));
        assertEquals(0, ImportProgress.countLines(Files.writeString(dir.resolve("c.csv"), "")));
        assertEquals(0, ImportProgress.countLines(dir.resolve("missing.csv")));
    }

    @Test
    void aRunningJobsShareIsItsCheckpointOverTheFilesDataLines(@TempDir Path dir) throws Exception {
        StringBuilder csv = new StringBuilder("email\n");
        for (int i = 0; i < 200; i++) {
            csv.append("p").append(i).append("@example.com\n");
        }
        ImportJob job = runningJob(Files.writeString(dir.resolve("200.csv"), csv));
        ImportProgress progress = new ImportProgress();

        assertEquals(OptionalInt.of(0), progress.percentOf(job), "nothing committed yet");
        job.countChunk(new ChunkOutcome(50, 0, 0, List.of(), List.of()), 0, 51);
        assertEquals(OptionalInt.of(25), progress.percentOf(job), "lines 2-51 of 2-201");
        job.countChunk(new ChunkOutcome(140, 0, 0, List.of(), List.of()), 10, 201);
        assertEquals(OptionalInt.of(100), progress.percentOf(job));
    }

    @Test
    void showsNoShareForJobsThatAreNotRunning(@TempDir Path dir) throws Exception {
        ImportJob job = runningJob(Files.writeString(dir.resolve("x.csv"), "email\na@example.com\n"));
        job.finish(ImportStatus.COMPLETED, null, Instant.now());

        assertTrue(new ImportProgress().percentOf(job).isEmpty());
    }

    private static ImportJob runningJob(Path upload) {
        ImportJob job = new ImportJob("contact", "f.csv", "admin", DEFAULTS, "UTF-8", Instant.now(), Instant.now());
        job.storeUploadAt(upload.toString());
        job.start(Instant.now());
        return job;
    }
}
