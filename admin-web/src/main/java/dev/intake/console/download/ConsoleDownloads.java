package dev.intake.console.download;

import dev.intake.domain.access.AccessAdministration;
import dev.intake.domain.access.AccessService;
import dev.intake.domain.access.Permissions;
import dev.intake.domain.app.AppCatalog;
import dev.intake.domain.app.AppDefinition;
import dev.intake.domain.app.FieldDefinition;
import dev.intake.domain.importing.FailedRowsExport;
import dev.intake.domain.importing.RowResultsExport;
import dev.intake.domain.importing.ImportJob;
import dev.intake.domain.importing.ImportService;
import dev.intake.domain.importing.csv.SafeCsvWriter;
import jakarta.inject.Inject;
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
 * The console's CSV downloads, for a signed-in person's browser session:
 * {@code /downloads/imports/{id}/errors.csv}, {@code /downloads/imports/{id}/results.csv} and
 * {@code /downloads/apps/{entity}/template.csv}. They write the same files as the API's downloads, under the
 * same permission rules, but are reached with the session cookie instead of a bearer token (the API never accepts
 * the cookie). Only GET, which changes nothing, so a cross-site link can at most start a download the person could
 * make anyway; the session cookie is SameSite=Strict besides.
 */
@WebServlet(urlPatterns = "/downloads/*")
public class ConsoleDownloads extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Pattern IMPORT_FILE =
            Pattern.compile("/downloads/imports/([0-9a-fA-F-]{36})/(errors|results)\\.csv");
    private static final Pattern TEMPLATE = Pattern.compile("/downloads/apps/([a-z][a-z0-9_]*)/template\\.csv");

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
        Principal principal = request.getUserPrincipal();
        String callerName = principal == null ? "" : principal.getName();
        Permissions permissions = access.callerOf(callerName).map(administration::permissionsOf)
                .orElse(new Permissions(false, List.of()));
        Matcher importFile = IMPORT_FILE.matcher(path);
        Matcher template = TEMPLATE.matcher(path);
        if (importFile.matches()) {
            sendImportFile(importFile.group(1), importFile.group(2), callerName, permissions, response);
        } else if (template.matches()) {
            sendTemplate(template.group(1), permissions, response);
        } else {
            response.sendError(HttpServletResponse.SC_NOT_FOUND, "No such download");
        }
    }

    /** errors.csv (the failed rows as they were) or results.csv (every row's outcome) of one import. */
    private void sendImportFile(String importId, String name, String callerName, Permissions permissions,
            HttpServletResponse response) throws IOException {
        Optional<ImportJob> job = imports.find(importId);
        if (job.isEmpty()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND, "No such import");
            return;
        }
        if (!permissions.canFollow(job.get().entity(), job.get().createdBy().equals(callerName))) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN, "Not allowed");
            return;
        }
        startCsv(response, "import-" + importId + "-" + name + ".csv");
        try (Writer out = response.getWriter()) {
            if (name.equals("results")) {
                rowResults.write(job.get(), out);
            } else {
                failedRows.write(job.get(), out);
            }
        }
    }

    private void sendTemplate(String entity, Permissions permissions, HttpServletResponse response)
            throws IOException {
        Optional<AppDefinition> app = apps.find(entity).filter(found -> permissions.canSee(found.entity()));
        if (app.isEmpty()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND, "No such app");
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
}
