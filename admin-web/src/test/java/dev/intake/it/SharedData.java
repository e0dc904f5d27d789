package dev.intake.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** The shared test files: real exports and small failing cases, read where they are, never copied. */
public final class SharedData {

    private SharedData() {
    }

    public static Path real(String name) {
        return existing(root().resolve("real").resolve(name));
    }

    public static Path cases(String name) {
        return existing(root().resolve("cases").resolve(name));
    }

    private static Path root() {
        return Paths.get(System.getProperty("intake.shared.data", "../../shared/data")).toAbsolutePath().normalize();
    }

    private static Path existing(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("Shared test data missing: " + file + " (../shared must lie beside the"
                    + " checkout, or set -Dintake.shared.data)");
        }
        return file;
    }
}
