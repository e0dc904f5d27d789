package dev.intake.domain.importing;

import dev.intake.domain.config.Database;
import dev.intake.domain.importing.csv.SafeCsvWriter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The failed rows of an import as a CSV file: the file's header plus an {@code Error} column, then each failed
 * row as it was in the file with every reason it failed. Fixing the rows and importing this file again (without
 * the Error column, or with {@code ignoreUnknownColumns}) finishes the job. Streamed, whatever the count.
 */
@ApplicationScoped
public class FailedRowsExport {

    @Inject
    Database database;

    public void write(ImportJob job, Writer out) throws IOException {
        Character delimiter = job.options().delimiter();
        SafeCsvWriter csv = new SafeCsvWriter(out, delimiter == null ? ',' : delimiter);
        List<String> header = new ArrayList<>(job.headerCells());
        header.add("Error");
        csv.writeRow(header);
        try (Connection connection = database.connection()) {
            new RowErrorStore(connection).forEachFailedRow(job.id(), row -> writeRow(csv, header.size() - 1, row));
        } catch (SQLException e) {
            throw new IllegalStateException("Failed rows of import " + job.id() + " could not be read", e);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static void writeRow(SafeCsvWriter csv, int width, RowErrorStore.FailedRow row) {
        List<String> cells = new ArrayList<>(row.cells());
        while (cells.size() < width) {
            cells.add("");
        }
        cells.add(describe(row.errors()));
        try {
            csv.writeRow(cells);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** "Line 3, email: 'x' is not an email address ... (INVALID_EMAIL)", errors joined by "; ". */
    static String describe(List<RowError> errors) {
        return errors.stream().map(error -> "Line " + error.line() + (error.column() == null ? "" : ", "
                + error.column()) + ": " + error.message() + " (" + error.code() + ")")
                .collect(Collectors.joining("; "));
    }
}
