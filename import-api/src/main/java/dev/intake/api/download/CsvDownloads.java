package dev.intake.api.download;

import dev.intake.domain.access.AccessAdministration;
import dev.intake.domain.access.AccessService;
import dev.intake.domain.access.Permissions;
import dev.intake.domain.app.AppCatalog;
import dev.intake.domain.app.AppDefinition;
import dev.intake.domain.app.FieldDefinition;
import dev.intake.domain.importing.FailedRowsExport;
import dev.intake.domain.importing.ImportJob;
import dev.intake.domain.importing.ImportService;
import dev.intake.domain.importing.RowResultsExport;
import dev.intake.domain.importing.csv.SafeCsvWriter;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Writer;
import java.security.Principal;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The CSV files of the API, behind the same bearer token as GraphQL: {@code /api/imports/{id}/errors.csv}, the
 * failed rows of an import as they were plus an Error column, {@code /api/imports/{id}/results.csv}, the outcome
 * of every row of an import, and {@code /api/apps/{entity}/template.csv}, the
 * header an import into an app needs.
 */
@WebServlet(urlPatterns = {"/api/imports/*", "/api/apps/*"})
public class CsvDownloads extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Pattern ERRORS = Pattern.compile("/api/imports/([0-9a-fA-F-]{36})/errors\\.csv");
    private static final Pattern RESULTS = Pattern.compile("/api/imports/([0-9a-fA-F-]{36})/results\\.csv");
    private static final Pattern TEMPLATE = Pattern.compile("/api/apps/([a-z][a-z0-9_]*)/template\\.csv");

    @Inject
    transient ImportService imports;

    @Inject
    transient FailedRowsExport failedRows;

    @Inject
    transient RowResultsExport rowResults;

    @Inject
    transient AppCatalog apps;

    @Inject
    transient AccessService access;

    @Inject
    transient AccessAdministration administration;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        Matcher errors = ERRORS.matcher(path);
        Matcher results = RESULTS.matcher(path);
        Matcher template = TEMPLATE.matcher(path);
        Permissions permissions = permissionsOf(request);
        String callerName = request.getUserPrincipal() == null ? "" : request.getUserPrincipal().getName();
        if (errors.matches()) {
            sendFailedRows(errors.group(1), callerName, permissions, response);
        } else if (results.matches()) {
            sendRowResults(results.group(1), callerName, permissions, response);
        } else if (template.matches()) {
            sendTemplate(template.group(1), permissions, response);
        } else {
            notFound(response, "No such download: " + path);
        }
    }

    private Permissions permissionsOf(HttpServletRequest request) {
        Principal principal = request.getUserPrincipal();
        return access.callerOf(principal == null ? "" : principal.getName()).map(administration::permissionsOf)
                .orElse(new Permissions(false, List.of()));
    }

    private void sendFailedRows(String importId, String callerName, Permissions permissions,
            HttpServletResponse response) throws IOException {
        Optional<ImportJob> job = followedJob(importId, "The failed rows", callerName, permissions, response);
        if (job.isEmpty()) {
            return;
        }
        startCsv(response, "import-" + importId + "-errors.csv");
        try (Writer out = response.getWriter()) {
            failedRows.write(job.get(), out);
        }
    }

    private void sendRowResults(String importId, String callerName, Permissions permissions,
            HttpServletResponse response) throws IOException {
        Optional<ImportJob> job = followedJob(importId, "The row results", callerName, permissions, response);
        if (job.isEmpty()) {
            return;
        }
        startCsv(response, "import-" + importId + "-results.csv");
        try (Writer out = response.getWriter()) {
            rowResults.write(job.get(), out);
        }
    }

    /**
     * The job, when the caller may follow it (see the history, or started it and may still import into the app);
     * otherwise answers 404 or 403 and empty.
     */
    private Optional<ImportJob> followedJob(String importId, String what, String callerName,
            Permissions permissions, HttpServletResponse response) throws IOException {
        Optional<ImportJob> job = imports.find(importId);
        if (job.isEmpty()) {
            notFound(response, "There is no import '" + importId + "'.");
            return Optional.empty();
        }
        if (!permissions.canFollow(job.get().entity(), job.get().createdBy().equals(callerName))) {
            forbidden(response, what + " of this import need the 'view history' permission on app '"
                    + job.get().entity() + "'.");
            return Optional.empty();
        }
        return job;
    }

    private void sendTemplate(String entity, Permissions permissions, HttpServletResponse response)
            throws IOException {
        Optional<AppDefinition> app = apps.find(entity).filter(found -> permissions.canSee(found.entity()));
        if (app.isEmpty()) {
            notFound(response, "There is no app '" + entity + "'.");
            return;
        }
        startCsv(response, entity + "-template.csv");
        try (Writer out = response.getWriter()) {
            new SafeCsvWriter(out).writeRow(app.get().fields().stream().map(FieldDefinition::name).toList());
        }
    }

    /** Starts a CSV download; the byte-order mark makes spreadsheets read it as UTF-8. */
    private static void startCsv(HttpServletResponse response, String fileName) throws IOException {
        response.setContentType("text/csv");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"" + fileName + "\"");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.getWriter().write('\uFEFF');
    }

    private static void notFound(HttpServletResponse response, String message) throws IOException {
        refuse(response, HttpServletResponse.SC_NOT_FOUND, "NOT_FOUND", message);
    }

    private static void forbidden(HttpServletResponse response, String message) throws IOException {
        refuse(response, HttpServletResponse.SC_FORBIDDEN, "FORBIDDEN", message);
    }

    private static void refuse(HttpServletResponse response, int status, String code, String message)
            throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(Json.createObjectBuilder().add("errors", Json.createArrayBuilder()
                .add(Json.createObjectBuilder().add("message", message)
                        .add("extensions", Json.createObjectBuilder().add("code", code)))).build().toString());
    }
}
