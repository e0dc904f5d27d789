package dev.intake.domain.importing;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How far a running import has come, as a share of its file. A job knows the physical line of its last committed
 * row (its checkpoint) but not how many lines its file has; that is counted here once per job, by scanning the
 * stored upload for line ends (about a tenth of a second per 100 MB), and kept in memory while the job runs.
 * Both numbers are physical lines, so a quoted cell spanning lines does not skew the share.
 */
@ApplicationScoped
public class ImportProgress {

    private static final int REMEMBERED_JOBS = 1000;

    private final Map<String, Integer> linesByJob = new ConcurrentHashMap<>();

    /** The percentage (0-100) of the file's data lines committed, or empty when the job is not running. */
    public OptionalInt percentOf(ImportJob job) {
        if (job.status() != ImportStatus.RUNNING || job.uploadPath() == null) {
            linesByJob.remove(job.id());
            return OptionalInt.empty();
        }
        Integer lines = linesByJob.get(job.id());
        if (lines == null) {
            lines = countLines(Paths.get(job.uploadPath()));
            remember(job.id(), lines);
        }
        int dataLines = lines - 1;
        if (dataLines <= 0) {
            return OptionalInt.empty();
        }
        int done = Math.max(0, job.checkpointLine() - 1);
        return OptionalInt.of((int) Math.min(100, 100L * done / dataLines));
    }

    private void remember(String jobId, int lines) {
        if (linesByJob.size() >= REMEMBERED_JOBS) {
            linesByJob.clear();
        }
        linesByJob.put(jobId, lines);
    }

    /** Lines of a file: its line ends, plus one when the last line has none. 0 when it cannot be read. */
    static int countLines(Path file) {
        byte[] buffer = new byte[64 * 1024];
        int lines = 0;
        int last = '\n';
        try (InputStream in = Files.newInputStream(file)) {
            for (int read = in.read(buffer); read > 0; read = in.read(buffer)) {
                for (int i = 0; i < read; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                    }
                }
                last = buffer[read - 1];
            }
        } catch (IOException e) {
            return 0;
        }
        return last == '\n' ? lines : lines + 1;
    }
}
