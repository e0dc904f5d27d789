package dev.intake.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A callback receiver of the test's own, on a free loopback port: records every POST it gets and answers the given
 * HTTP statuses in turn, the last one for every later request. Verifies signatures the way README tells receivers
 * to, without Intake's code.
 */
public final class CallbackReceiver implements AutoCloseable {

    /** One request as received: its headers (lower-case names), exact body bytes and arrival time. */
    public record Received(Map<String, String> headers, byte[] body, Instant at) {

        public String header(String name) {
            return headers.get(name.toLowerCase(java.util.Locale.ROOT));
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final HttpServer server;
    private final List<Integer> statuses;
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final List<Received> all = new CopyOnWriteArrayList<>();

    private CallbackReceiver(List<Integer> statuses) throws IOException {
        this.statuses = List.copyOf(statuses);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.start();
    }

    /** A receiver answering these statuses in turn, the last one from then on. */
    public static CallbackReceiver answering(Integer... statuses) throws IOException {
        return new CallbackReceiver(List.of(statuses));
    }

    private void answer(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        Map<String, String> headers = new java.util.HashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(java.util.Locale.ROOT),
                values.get(0)));
        headers.put(":method", exchange.getRequestMethod());
        headers.put(":path", exchange.getRequestURI().toString());
        Received request = new Received(headers, body, Instant.now());
        int status = statuses.get(Math.min(all.size(), statuses.size() - 1));
        all.add(request);
        received.add(request);
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    public URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    /** The next request, waiting up to the limit for it. */
    public Received next(Duration limit) throws InterruptedException {
        Received request = received.poll(limit.toMillis(), TimeUnit.MILLISECONDS);
        if (request == null) {
            throw new AssertionError("No callback arrived within " + limit);
        }
        return request;
    }

    public List<Received> all() {
        return List.copyOf(all);
    }

    /** Whether the signature header is the HMAC-SHA256 of "timestamp.body" keyed with the secret. */
    public static boolean signatureMatches(Received request, String secret) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update((request.header("X-Intake-Timestamp") + ".").getBytes(StandardCharsets.UTF_8));
        String expected = "sha256=" + HexFormat.of().formatHex(mac.doFinal(request.body()));
        String given = request.header("X-Intake-Signature");
        return given != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                given.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
