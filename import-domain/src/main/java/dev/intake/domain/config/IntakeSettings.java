package dev.intake.domain.config;

import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The settings of a running Intake, read once from the environment (and from system properties of the same
 * name, which win, so that an application server's administrator can set them as JVM options). The defaults
 * are those of the contract in DESIGN.md.
 */
@ApplicationScoped
public class IntakeSettings {

    private final Map<String, String> environment;

    public IntakeSettings() {
        this(System.getenv());
    }

    IntakeSettings(Map<String, String> environment) {
        this.environment = environment;
    }

    /** Where stored uploads and, by default, the embedded database live. */
    public Path dataDirectory() {
        return Paths.get(value("INTAKE_DATA").orElse("data")).toAbsolutePath().normalize();
    }

    /** Where uploads wait for their import; every node of a cluster must see the same directory. */
    public Path uploadDirectory() {
        return value("INTAKE_UPLOADS").map(Paths::get).orElse(dataDirectory().resolve("uploads"));
    }

    public int retentionDays() {
        return value("INTAKE_RETENTION_DAYS").map(Integer::parseInt).orElse(90);
    }

    public Optional<String> adminPassword() {
        return value("INTAKE_ADMIN_PASSWORD");
    }

    public Optional<String> adminToken() {
        return value("INTAKE_ADMIN_TOKEN");
    }

    /** The largest upload accepted, in bytes; {@code INTAKE_MAX_UPLOAD_MB} sets it, default 1 GiB. */
    public long maxUploadBytes() {
        return value("INTAKE_MAX_UPLOAD_MB").map(Long::parseLong).orElse(1024L) * 1024 * 1024;
    }

    /** Rows committed together; each chunk moves the counters and the checkpoint. */
    public int chunkSize() {
        return value("INTAKE_CHUNK_SIZE").map(Integer::parseInt).orElse(1000);
    }

    /**
     * This node's name among the nodes sharing the database: {@code INTAKE_NODE_ID}, else host name and port, so
     * that a restarted node recognises the jobs it was running.
     */
    public String nodeId() {
        return value("INTAKE_NODE_ID").orElseGet(() -> hostName() + ":" + value("INTAKE_PORT").orElse("8080"));
    }

    /** How long a node may fall silent before another node takes over its running import. */
    public Duration claimTimeout() {
        return Duration.ofSeconds(value("INTAKE_CLAIM_TIMEOUT_SECONDS").map(Long::parseLong).orElse(60L));
    }

    /** The hosts callbacks may reach, as {@code INTAKE_CALLBACK_HOSTS} lists them; counts on the first start only. */
    public Optional<String> callbackHosts() {
        return value("INTAKE_CALLBACK_HOSTS");
    }

    /**
     * The first pause before a failed callback is tried again, {@code INTAKE_CALLBACK_RETRY_SECONDS} (default 60);
     * the later pauses and the day the attempts go on for scale with it.
     */
    public Duration callbackRetryStep() {
        return Duration.ofSeconds(value("INTAKE_CALLBACK_RETRY_SECONDS").map(Long::parseLong).orElse(60L));
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    private Optional<String> value(String name) {
        String fromProperty = System.getProperty(name);
        String raw = fromProperty != null ? fromProperty : environment.get(name);
        return raw == null || raw.isBlank() ? Optional.empty() : Optional.of(raw.strip());
    }
}
