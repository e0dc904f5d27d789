package dev.intake.it;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Talks to a running Intake over real HTTP, as an ERP integration would: JSON GraphQL and multipart uploads. */
public final class IntakeClient {

    private static final String IMPORT_MUTATION = "mutation importEntities($upload: Upload!, $entity: String!,"
            + " $file: String, $options: ImportOptions) { importEntities(entity: $entity, file: $file,"
            + " upload: $upload, options: $options) { importId status } }";

    private final URI base;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    IntakeClient(URI base, String token) {
        this.base = base;
        this.token = token;
    }

    /** Posts a GraphQL document as JSON and answers the raw HTTP response. */
    public HttpResponse<String> post(String query, JsonObject variables) throws IOException, InterruptedException {
        JsonObject body = Json.createObjectBuilder().add("query", query)
                .add("variables", variables == null ? JsonValue.EMPTY_JSON_OBJECT : variables).build();
        return postRaw("application/json", body.toString().getBytes(StandardCharsets.UTF_8));
    }

    public HttpResponse<String> postRaw(String contentType, byte[] body) throws IOException, InterruptedException {
        return postRaw(contentType, body, false);
    }

    /**
     * With {@code expectContinue}, the body is sent only once the server agrees, as careful clients of large
     * uploads do; a refusal then arrives before the body is sent.
     */
    public HttpResponse<String> postRaw(String contentType, byte[] body, boolean expectContinue)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("/api/graphql"))
                .expectContinue(expectContinue)
                .timeout(Duration.ofSeconds(120)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Runs a GraphQL document and answers its {@code data}; any GraphQL error fails the call. */
    public JsonObject data(String query, JsonObject variables) throws IOException, InterruptedException {
        JsonObject answer = json(post(query, variables));
        if (answer.containsKey("errors")) {
            throw new AssertionError("GraphQL errors: " + answer.getJsonArray("errors"));
        }
        return answer.getJsonObject("data");
    }

    /** Sends a file through the multipart endpoint, with variables entity, file and options. */
    public HttpResponse<String> upload(String entity, String fileName, Path file, JsonObject options)
            throws IOException, InterruptedException {
        var variables = Json.createObjectBuilder().add("entity", entity).add("upload", JsonValue.NULL);
        if (fileName != null) {
            variables.add("file", fileName);
        }
        if (options != null) {
            variables.add("options", options);
        }
        JsonObject operations = Json.createObjectBuilder().add("query", IMPORT_MUTATION)
                .add("variables", variables).build();
        Map<String, String> fields = new HashMap<>();
        fields.put("operations", operations.toString());
        fields.put("map", "{\"0\":[\"variables.upload\"]}");
        return multipart(List.of("operations", "map"), fields, "0", file.getFileName().toString(),
                Files.readAllBytes(file), Files.size(file) > 1024 * 1024);
    }

    /** A multipart request with text parts in the given order and one file part. */
    public HttpResponse<String> multipart(List<String> order, Map<String, String> fields, String filePart,
            String fileName, byte[] content) throws IOException, InterruptedException {
        return multipart(order, fields, filePart, fileName, content, false);
    }

    private HttpResponse<String> multipart(List<String> order, Map<String, String> fields, String filePart,
            String fileName, byte[] content, boolean expectContinue) throws IOException, InterruptedException {
        String boundary = "----intake" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (String name : order) {
            write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n"
                    + fields.get(name) + "\r\n");
        }
        if (filePart != null) {
            write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + filePart + "\"; filename=\""
                    + fileName + "\"\r\nContent-Type: text/csv\r\n\r\n");
            body.write(content);
            write(body, "\r\n");
        }
        write(body, "--" + boundary + "--\r\n");
        return postRaw("multipart/form-data; boundary=" + boundary, body.toByteArray(), expectContinue);
    }

    /** Uploads a file and answers the new job's id; a refusal fails the call. */
    public String startImport(String entity, Path file, JsonObject options)
            throws IOException, InterruptedException {
        JsonObject answer = json(upload(entity, null, file, options));
        if (answer.containsKey("errors")) {
            throw new AssertionError("Import refused: " + answer.getJsonArray("errors"));
        }
        return answer.getJsonObject("data").getJsonObject("importEntities").getString("importId");
    }

    /** Polls a job until it ends and answers it with its errors. */
    public JsonObject awaitEnd(String importId) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
        while (Instant.now().isBefore(deadline)) {
            JsonObject job = job(importId);
            String status = job.getString("status");
            if (!status.equals("QUEUED") && !status.equals("RUNNING")) {
                return job;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("Import " + importId + " did not end in time");
    }

    public JsonObject job(String importId) throws IOException, InterruptedException {
        JsonObject data = data("query($id: ID!) { importJob(importId: $id) { importId entity file status"
                + " processed added"
                + " updated failed createdBy createdAt startedAt finishedAt expiresAt encoding message"
                + " errors(first: 1000) { line column value code message } } }",
                Json.createObjectBuilder().add("id", importId).build());
        if (data.isNull("importJob")) {
            throw new AssertionError("Import " + importId + " does not exist (any more)");
        }
        return data.getJsonObject("importJob");
    }

    /** Imports a file and waits for the end. */
    public JsonObject importAndWait(String entity, Path file, JsonObject options)
            throws IOException, InterruptedException {
        return awaitEnd(startImport(entity, file, options));
    }

    public JsonObject defineApp(JsonObject app) throws IOException, InterruptedException {
        return data("mutation($input: AppInput!) { defineApp(input: $input) { entity fields { name } } }",
                Json.createObjectBuilder().add("input", app).build()).getJsonObject("defineApp");
    }

    /** Every record of an app, as maps of field to value, in creation order. */
    public List<Map<String, String>> records(String entity) throws IOException, InterruptedException {
        List<Map<String, String>> all = new ArrayList<>();
        String after = null;
        do {
            var variables = Json.createObjectBuilder().add("entity", entity);
            if (after != null) {
                variables.add("after", after);
            }
            JsonObject page = data("query($entity: String!, $after: String) { records(entity: $entity, first: 1000,"
                    + " after: $after) { total next items { id values { field value } } } }", variables.build())
                    .getJsonObject("records");
            for (JsonValue item : page.getJsonArray("items")) {
                Map<String, String> values = new HashMap<>();
                for (JsonValue value : item.asJsonObject().getJsonArray("values")) {
                    JsonObject pair = value.asJsonObject();
                    values.put(pair.getString("field"), pair.isNull("value") ? null : pair.getString("value"));
                }
                all.add(values);
            }
            after = page.isNull("next") ? null : page.getString("next");
        } while (after != null);
        return all;
    }

    public static JsonObject json(HttpResponse<String> response) {
        try (JsonReader reader = Json.createReader(new StringReader(response.body()))) {
            return reader.readObject();
        } catch (RuntimeException e) {
            throw new AssertionError("Not JSON (HTTP " + response.statusCode() + "): " + response.body(), e);
        }
    }

    /** The first GraphQL error's {@code extensions.code}. */
    public static String errorCode(JsonObject answer) {
        JsonArray errors = answer.getJsonArray("errors");
        if (errors == null || errors.isEmpty()) {
            throw new AssertionError("Expected a GraphQL error, got " + answer);
        }
        return errors.getJsonObject(0).getJsonObject("extensions").getString("code");
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
