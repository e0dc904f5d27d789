package dev.intake.api.upload;

import dev.intake.domain.config.IntakeSettings;
import dev.intake.domain.importing.UploadStore;
import dev.intake.domain.importing.UploadTooLargeException;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns a GraphQL multipart request (parts {@code operations}, {@code map}, then the files) into the plain JSON
 * request the GraphQL runtime understands: each file is streamed to the upload store and its place in the
 * variables receives a handle. Plain JSON requests are checked too, so that a malformed body gets a 400 that
 * says what is wrong instead of a server error page.
 */
@WebFilter(urlPatterns = "/api/graphql")
public class MultipartGraphQLFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(MultipartGraphQLFilter.class.getName());
    private static final String QUOTE_HINT = " If the query was pasted into the JSON, check that every quote inside"
            + " it is escaped as \\\" (for example entity: \\\"contact\\\").";

    @Inject
    transient UploadStore uploads;

    @Inject
    transient IntakeSettings settings;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!"POST".equals(request.getMethod())) {
            chain.doFilter(request, response);
            return;
        }
        String contentType = String.valueOf(request.getContentType()).toLowerCase(Locale.ROOT);
        ReceivedFiles files = new ReceivedFiles();
        try {
            String body;
            if (contentType.startsWith("multipart/form-data")) {
                body = readMultipart(request, files);
            } else if (contentType.startsWith("application/json")) {
                body = readJsonBody(request);
            } else {
                throw new BadRequest(415, "Send GraphQL requests as application/json, or as multipart/form-data"
                        + " following the GraphQL multipart request spec; got '" + request.getContentType() + "'.");
            }
            request.setAttribute(ReceivedFiles.ATTRIBUTE, files);
            chain.doFilter(new JsonRequest(request, body), response);
        } catch (BadRequest e) {
            LOG.warning(() -> "INTAKE-100 Refused GraphQL request: " + e.getMessage());
            writeError(response, e.status(), e.status() == 413 ? "UPLOAD_TOO_LARGE" : "BAD_REQUEST", e.getMessage());
        } catch (IOException | RuntimeException e) {
            String incident = UUID.randomUUID().toString();
            LOG.log(Level.SEVERE, "INTAKE-102 GraphQL request failed, incident " + incident, e);
            if (!response.isCommitted()) {
                writeError(response, 500, "INTERNAL", "An internal error stopped this request (incident " + incident
                        + "); nothing of it was kept. An administrator can find the cause in the log.");
            }
        } finally {
            discardUnclaimed(files);
        }
    }

    private String readMultipart(HttpServletRequest request, ReceivedFiles files) throws BadRequest, IOException {
        refuseWhenDeclaredTooLarge(request);
        JsonObject operations = operations(request);
        JsonObject map = parseJson(textPart(request, "map"), "map", "");
        for (Map.Entry<String, JsonValue> entry : map.entrySet()) {
            Part part = filePart(request, entry.getKey());
            String handle = UUID.randomUUID().toString();
            files.add(handle, receive(part));
            operations = placeHandle(operations, entry.getKey(), entry.getValue(), handle);
        }
        return operations.toString();
    }

    private void refuseWhenDeclaredTooLarge(HttpServletRequest request) throws BadRequest {
        long declared = request.getContentLengthLong();
        if (declared > settings.maxUploadBytes() + 1024 * 1024) {
            throw new BadRequest(413, new UploadTooLargeException(settings.maxUploadBytes()).getMessage());
        }
    }

    private JsonObject operations(HttpServletRequest request) throws BadRequest, IOException {
        String text = textPart(request, "operations");
        return parseJson(text, "operations", QUOTE_HINT);
    }

    private static String textPart(HttpServletRequest request, String name) throws BadRequest, IOException {
        Part part = part(request, name);
        if (part == null) {
            throw new BadRequest("The multipart request has no '" + name + "' part. A GraphQL upload needs the parts"
                    + " 'operations' (the query as JSON), 'map' (which file goes where) and the files, in that order.");
        }
        try (InputStream in = part.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Part filePart(HttpServletRequest request, String name) throws BadRequest, IOException {
        Part part = part(request, name);
        if (part == null) {
            throw new BadRequest("The 'map' part names file part '" + name + "', but the request has no such part.");
        }
        return part;
    }

    private static Part part(HttpServletRequest request, String name) throws BadRequest, IOException {
        try {
            return request.getPart(name);
        } catch (ServletException | IllegalStateException | IOException e) {
            throw new BadRequest("The body is not valid multipart/form-data (cut off, or a part header too long): "
                    + e.getMessage());
        }
    }

    /**
     * Copies the part the container spooled into the upload store, counting bytes as they go; over the limit,
     * nothing is kept. (Payara's {@code Part.write} puts even absolute paths under its own work directory.)
     */
    private ReceivedFile receive(Part part) throws BadRequest, IOException {
        if (part.getSize() > settings.maxUploadBytes()) {
            throw new BadRequest(413, new UploadTooLargeException(settings.maxUploadBytes()).getMessage());
        }
        String name = part.getSubmittedFileName() == null ? part.getName() : part.getSubmittedFileName();
        try {
            return new ReceivedFile(uploads.receive(part.getInputStream(), settings.maxUploadBytes()), name);
        } catch (UploadTooLargeException e) {
            throw new BadRequest(413, e.getMessage());
        }
    }

    private static JsonObject placeHandle(JsonObject operations, String partName, JsonValue paths, String handle)
            throws BadRequest {
        if (!(paths instanceof JsonArray list) || list.isEmpty()) {
            throw new BadRequest("In 'map', part '" + partName + "' must map to a list of paths such as"
                    + " [\"variables.upload\"].");
        }
        JsonStructure result = operations;
        for (JsonValue path : list) {
            String dotted = path.getValueType() == JsonValue.ValueType.STRING ? ((jakarta.json.JsonString) path)
                    .getString() : "";
            if (!dotted.startsWith("variables.")) {
                throw new BadRequest("In 'map', path '" + dotted + "' must start with 'variables.'.");
            }
            try {
                String pointer = "/" + dotted.replace("~", "~0").replace("/", "~1").replace('.', '/');
                result = Json.createPointer(pointer).add(result, Json.createValue(handle));
            } catch (JsonException e) {
                throw new BadRequest("In 'map', path '" + dotted + "' does not exist in the operations' variables.");
            }
        }
        return result.asJsonObject();
    }

    private static String readJsonBody(HttpServletRequest request) throws BadRequest, IOException {
        String body;
        try (InputStream in = request.getInputStream()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        parseJson(body, "request body", QUOTE_HINT);
        return body;
    }

    private static JsonObject parseJson(String text, String what, String hint) throws BadRequest {
        if (text.isBlank()) {
            throw new BadRequest("The " + what + " is empty; it must be a JSON object.");
        }
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            JsonValue value = reader.readValue();
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                throw new BadRequest("The " + what + " must be a JSON object; batched operations are not supported.");
            }
            return value.asJsonObject();
        } catch (JsonParsingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNumber()
                    + ", column " + e.getLocation().getColumnNumber();
            throw new BadRequest("The " + what + " is not valid JSON" + where + ": " + e.getMessage() + "." + hint);
        } catch (JsonException e) {
            throw new BadRequest("The " + what + " is not valid JSON: " + e.getMessage() + "." + hint);
        }
    }

    private void discardUnclaimed(ReceivedFiles files) {
        for (ReceivedFile file : files.all()) {
            try {
                Files.deleteIfExists(file.path());
            } catch (IOException e) {
                LOG.warning(() -> "INTAKE-101 Could not remove unclaimed upload " + file.path());
            }
        }
    }

    static void writeError(HttpServletResponse response, int status, String code, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        JsonObject error = Json.createObjectBuilder().add("message", message)
                .add("extensions", Json.createObjectBuilder().add("code", code)).build();
        response.getWriter().write(Json.createObjectBuilder().add("errors", Json.createArrayBuilder().add(error))
                .build().toString());
    }
}
