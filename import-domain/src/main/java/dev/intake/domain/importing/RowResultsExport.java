package dev.intake.domain.importing;

import dev.intake.domain.config.Database;
import dev.intake.domain.importing.csv.SafeCsvWriter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.Writer;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The outcome of every row of an import as a CSV file: {@code Line}, {@code Outcome} (added, updated, unchanged,
 * failed), {@code Record} (the id of the record the row touched; empty for failed rows and for rows a dry run
 * would have added) and {@code Reason} (why a row failed). Streamed a page of rows at a time, whatever the count.
 */
@ApplicationScoped
public class RowResultsExport {

    static final List<String> HEADER = List.of("Line", "Outcome", "Record", "Reason");

    /** Stored chunks read at once: a few thousand rows with the default chunk size. */
    private static final int CHUNKS_PER_PAGE = 5;

    @Inject
    Database database;

    public void write(ImportJob job, Writer out) throws IOException {
        try (Connection connection = database.connection()) {
            write(job.id(), connection, out);
        } catch (SQLException e) {
            throw new IllegalStateException("Row outcomes of import " + job.id() + " could not be read", e);
        }
    }

    /** Writes the results of a job's rows from the given connection. */
    static void write(String jobId, Connection connection, Writer out) throws IOException, SQLException {
        SafeCsvWriter csv = new SafeCsvWriter(out);
        csv.writeRow(HEADER);
        RowOutcomeStore outcomes = new RowOutcomeStore(connection);
        RowErrorStore errors = new RowErrorStore(connection);
        List<RowOutcome> page = outcomes.page(jobId, 0, CHUNKS_PER_PAGE);
        while (!page.isEmpty()) {
            int last = page.get(page.size() - 1).line();
            Map<Integer, List<RowError>> reasons = errors.inLines(jobId, page.get(0).line(), last);
            for (RowOutcome row : page) {
                csv.writeRow(List.of(Integer.toString(row.line()), row.kind().word(),
                        row.recordId() == null ? "" : row.recordId().toString(),
                        reason(reasons.getOrDefault(row.line(), List.of()))));
            }
            page = outcomes.page(jobId, last, CHUNKS_PER_PAGE);
        }
    }

    /** "email: 'x' is not an email address ... (INVALID_EMAIL)", a row's errors joined by "; ". */
    private static String reason(List<RowError> errors) {
        return errors.stream().map(error -> (error.column() == null ? "" : error.column() + ": ") + error.message()
                + " (" + error.code() + ")").collect(Collectors.joining("; "));
    }
}
