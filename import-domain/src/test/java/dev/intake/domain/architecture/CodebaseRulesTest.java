package dev.intake.domain.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Rules of the codebase that a reviewer should not have to check by eye: dependencies point inward (the domain
 * knows neither GraphQL nor Faces, the API not the console), and no source line is wider than 120 columns.
 */
class CodebaseRulesTest {

    private static final Path PROJECT = Paths.get("..").toAbsolutePath().normalize();

    @Test
    void theDomainImportsNeitherTheApiNorTheConsoleNorTheirFrameworks() throws IOException {
        List<String> violations = importsMatching(PROJECT.resolve("import-domain/src/main/java"),
                List.of("dev.intake.api", "dev.intake.console", "io.smallrye", "org.eclipse.microprofile.graphql",
                        "jakarta.faces", "org.primefaces"));

        assertEquals(List.of(), violations);
    }

    @Test
    void theApiDoesNotImportTheConsole() throws IOException {
        List<String> violations = importsMatching(PROJECT.resolve("import-api/src/main/java"),
                List.of("dev.intake.console", "jakarta.faces", "org.primefaces"));

        assertEquals(List.of(), violations);
    }

    @Test
    void noSourceLineIsWiderThan120Columns() throws IOException {
        List<String> wide = new ArrayList<>();
        for (String module : List.of("import-domain", "import-api", "admin-web")) {
            try (Stream<Path> files = Files.walk(PROJECT.resolve(module).resolve("src"))) {
                for (Path file : files.filter(CodebaseRulesTest::isSource).toList()) {
                    List<String> lines = Files.readAllLines(file);
                    for (int i = 0; i < lines.size(); i++) {
                        if (lines.get(i).length() > 120) {
                            wide.add(PROJECT.relativize(file) + ":" + (i + 1));
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), wide);
    }

    private static boolean isSource(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".java") || name.endsWith(".xhtml") || name.endsWith(".xml") || name.endsWith(".sql");
    }

    private static List<String> importsMatching(Path sources, List<String> forbidden) throws IOException {
        List<String> violations = new ArrayList<>();
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".java")).toList()) {
                for (String line : Files.readAllLines(file)) {
                    if (line.startsWith("import ") && forbidden.stream().anyMatch(prefix -> line.contains(" "
                            + prefix + ".") || line.contains("static " + prefix + "."))) {
                        violations.add(sources.relativize(file) + ": " + line);
                    }
                }
            }
        }
        return violations;
    }
}
