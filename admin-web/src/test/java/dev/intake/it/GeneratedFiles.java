package dev.intake.it;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Contacts files of any size, written for a test: row i holds contact{i}@example.com. */
public final class GeneratedFiles {

    private GeneratedFiles() {
    }

    /**
     * Writes {@code rows} contacts numbered from {@code first}; every {@code invalidEvery}-th row (0: none) has a
     * malformed email and must fail.
     */
    public static Path contacts(Path file, int first, int rows, int invalidEvery) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("email,first_name,last_name\n");
            for (int i = first; i < first + rows; i++) {
                boolean invalid = invalidEvery > 0 && (i - first + 1) % invalidEvery == 0;
                out.write((invalid ? "broken-" + i : "contact" + i + "@example.com") + ",First" + i + ",Last" + i
                        + "\n");
            }
        }
        return file;
    }
}
