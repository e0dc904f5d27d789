package dev.intake.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real Intake server for integration tests: {@code bin/serve}, the README's first command, started as a child
 * process on a free loopback port with its own data directory, exactly as an operator would run it. When
 * {@code INTAKE_TEST_DB_URL} is set the server runs on that database (PostgreSQL in CI) instead of embedded H2.
 */
public final class IntakeServer implements AutoCloseable {

    public static final String ADMIN_TOKEN = "itk_integration_admin_token_0123456789";
    public static final String ADMIN_PASSWORD = "it-admin-password";

    private static IntakeServer shared;

    private final Path dataDirectory;
    private final Path log;
    private final int port;
    private final Map<String, String> extraEnvironment;
    private Process process;

    private IntakeServer(Path dataDirectory, int port, Map<String, String> extraEnvironment) throws IOException {
        this.dataDirectory = dataDirectory;
        this.port = port;
        this.extraEnvironment = extraEnvironment;
        this.log = Paths.get("target", "it-server-" + port + ".log").toAbsolutePath();
    }

    /** The server shared by the tests of one run, started on first use and stopped when the JVM ends. */
    public static synchronized IntakeServer shared() throws Exception {
        if (shared == null) {
            shared = start(Map.of());
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
        }
        return shared;
    }

    /** A server of its own, for tests that stop or kill it. */
    public static IntakeServer start(Map<String, String> extraEnvironment) throws Exception {
        Path data = Files.createTempDirectory(Paths.get("target").toAbsolutePath(), "it-data-");
        IntakeServer server = new IntakeServer(data, freePort(), extraEnvironment);
        server.launch();
        return server;
    }

    /** Starts the process again on the same data, as after a crash or a restart. */
    public void launch() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(projectHome().resolve("bin/serve").toString())
                .directory(projectHome().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> env = builder.environment();
        env.put("INTAKE_PORT", Integer.toString(port));
        env.put("INTAKE_DATA", dataDirectory.toString());
        env.put("INTAKE_ADMIN_TOKEN", ADMIN_TOKEN);
        env.put("INTAKE_ADMIN_PASSWORD", ADMIN_PASSWORD);
        env.put("INTAKE_NO_BUILD", "1");
        env.putIfAbsent("INTAKE_JAVA_OPTS", "-Xmx512m");
        // Callbacks reach only receivers the tests start on loopback, and retry after seconds instead of minutes.
        env.put("INTAKE_CALLBACK_HOSTS", "127.0.0.1");
        env.put("INTAKE_CALLBACK_RETRY_SECONDS", "1");
        String testDatabase = System.getenv("INTAKE_TEST_DB_URL");
        if (testDatabase != null && !testDatabase.isBlank()) {
            env.put("INTAKE_DB_URL", testDatabase);
            putIfSet(env, "INTAKE_DB_USER", System.getenv("INTAKE_TEST_DB_USER"));
            putIfSet(env, "INTAKE_DB_PASSWORD", System.getenv("INTAKE_TEST_DB_PASSWORD"));
        }
        env.putAll(extraEnvironment);
        process = builder.start();
        awaitReady(Duration.ofSeconds(180));
    }

    private static void putIfSet(Map<String, String> env, String name, String value) {
        if (value != null && !value.isBlank()) {
            env.put(name, value);
        }
    }

    private void awaitReady(Duration limit) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(limit);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("bin/serve ended with " + process.exitValue() + "; see " + log);
            }
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(baseUri().resolve("/login.xhtml"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("Intake did not answer within " + limit + "; see " + log);
    }

    /** Kills the server as a crash would: no shutdown hooks, no clean undeploy. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    public Path log() {
        return log;
    }

    public IntakeClient client() {
        return new IntakeClient(baseUri(), ADMIN_TOKEN);
    }

    public IntakeClient client(String token) {
        return new IntakeClient(baseUri(), token);
    }

    static Path projectHome() {
        return Paths.get(System.getProperty("intake.home", "..")).toAbsolutePath().normalize();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
