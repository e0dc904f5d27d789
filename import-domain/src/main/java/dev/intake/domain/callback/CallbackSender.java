package dev.intake.domain.callback;

import dev.intake.domain.access.AccessService;
import dev.intake.domain.config.IntakeSettings;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sends due callbacks: every few seconds, and at once when a job ends on this node, it claims the due deliveries
 * and posts each one, signed (see {@link CallbackSignature}), with short connect and read timeouts, following no
 * redirect, and records how the attempt went. The host is checked against the allowed list again at every
 * attempt, so removing a host stops its pending callbacks.
 */
@ApplicationScoped
public class CallbackSender {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

    private static final Logger LOG = Logger.getLogger(CallbackSender.class.getName());
    private static final int LOOK_EVERY_SECONDS = 5;
    private static final int BATCH = 20;

    @Resource
    ManagedExecutorService executor;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    CallbackDeliveries deliveries;

    @Inject
    CallbackHostSettings hosts;

    @Inject
    AccessService access;

    @Inject
    IntakeSettings settings;

    @Inject
    Clock clock;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1).build();

    /** Looks for due callbacks every few seconds (more often when the retry step is shorter); called at start-up. */
    public void startSending() {
        long every = Math.max(1, Math.min(LOOK_EVERY_SECONDS, settings.callbackRetryStep().toSeconds()));
        scheduler.scheduleWithFixedDelay(this::deliverDue, 1, every, TimeUnit.SECONDS);
    }

    /** Sends what is due without waiting for the next look, as when a job with a callback has just ended. */
    public void deliverSoon() {
        executor.submit(this::deliverDue);
    }

    private void deliverDue() {
        try {
            for (String jobId : deliveries.due(BATCH)) {
                if (deliveries.claim(jobId)) {
                    deliveries.prepare(jobId).ifPresent(callback -> deliveries.recordAttempt(jobId, send(callback),
                            clock.instant()));
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "INTAKE-073 Could not send due callbacks; trying again shortly", e);
        }
    }

    private AttemptOutcome send(PreparedCallback callback) {
        CallbackAddress address = CallbackAddress.parse(callback.url());
        if (!hosts.allowedHosts().allows(address.host())) {
            return AttemptOutcome.impossible("Host '" + address.host() + "' is no longer among the allowed callback"
                    + " hosts (setCallbackHosts).");
        }
        Optional<String> secret = access.callbackSecret(callback.tokenId());
        if (secret.isEmpty()) {
            return AttemptOutcome.impossible("The token that started the import, and with it the signing secret,"
                    + " no longer exists.");
        }
        return post(address.uri(), callback, secret.get());
    }

    private AttemptOutcome post(URI uri, PreparedCallback callback, String secret) {
        long timestamp = clock.instant().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(READ_TIMEOUT)
                .header("Content-Type", "application/json")
                .header("User-Agent", "Intake-Callback")
                .header("X-Intake-Import-Id", callback.jobId())
                .header(CallbackSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
                .header(CallbackSignature.SIGNATURE_HEADER, CallbackSignature.sign(secret, timestamp, callback.body()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(callback.body())).build();
        try {
            return AttemptOutcome.answered(http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode());
        } catch (HttpTimeoutException e) {
            return AttemptOutcome.unreachable("No answer within " + READ_TIMEOUT.toSeconds() + " s (connect "
                    + CONNECT_TIMEOUT.toSeconds() + " s): " + e.getMessage());
        } catch (IOException e) {
            return AttemptOutcome.unreachable("Could not reach the receiver: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return AttemptOutcome.unreachable("The attempt was interrupted as the server stopped.");
        }
    }
}
