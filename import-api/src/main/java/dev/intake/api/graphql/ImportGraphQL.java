package dev.intake.api.graphql;

import dev.intake.api.error.ApiRefusal;
import dev.intake.api.error.Refusals;
import dev.intake.api.upload.ReceivedFile;
import dev.intake.api.upload.ReceivedFiles;
import dev.intake.api.upload.Upload;
import dev.intake.domain.app.AppCatalog;
import dev.intake.domain.importing.HistoryCursor;
import dev.intake.domain.importing.ImportFollowUp;
import dev.intake.domain.importing.ImportJob;
import dev.intake.domain.importing.ImportOptions;
import dev.intake.domain.importing.ImportRefusedException;
import dev.intake.domain.importing.ImportRequest;
import dev.intake.domain.importing.ImportService;
import dev.intake.api.error.ReportsIncidents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

/** Imports through GraphQL: starting one, following it, reading an app's history and stopping one. */
@GraphQLApi
@ApplicationScoped
@ReportsIncidents
public class ImportGraphQL {

    private static final int MAX_PAGE = 500;

    @Inject
    ImportService imports;

    @Inject
    CurrentCaller caller;

    @Inject
    AppCatalog apps;

    @Inject
    HttpServletRequest request;

    @Mutation("importEntities")
    @Description("Starts importing an uploaded CSV file into an app and answers at once with the queued job. The"
            + " header must match the app's fields (by name or label); an unknown, duplicate or missing required"
            + " column refuses the request and nothing is written. Rows then apply in file order in the background."
            + " With options.idempotencyKey, sending the same request again answers the same job.")
    public @NonNull ImportJobView importEntities(
            @NonNull @Name("entity") @Description("The app to import into, such as \"contact\".") String entity,
            @Name("file") @Description("A name for the file in the history; default: the uploaded file's name.")
            String file,
            @NonNull @Name("upload") Upload upload,
            @Name("options") ImportOptionsInput options) throws ApiRefusal {
        String requestedBy = caller.requireImport(entity).username();
        ImportOptions readOptions = readOptions(options);
        ReceivedFile received = ReceivedFiles.take(request, upload).orElseThrow(() -> new Refusals.InvalidInput(
                "'upload' must be a file part of this multipart request, mapped to variables.upload by 'map'."));
        String name = file == null || file.isBlank() ? received.submittedName() : file;
        try {
            ImportJob job = imports.accept(new ImportRequest(entity, name, received.path(), readOptions,
                    requestedBy), followUp(options));
            return ImportJobView.of(job);
        } catch (ImportRefusedException e) {
            throw ApiRefusal.of(e);
        }
    }

    private ImportFollowUp followUp(ImportOptionsInput options) {
        if (options == null) {
            return ImportFollowUp.none();
        }
        String callbackUrl = options.callbackUrl == null ? null : options.callbackUrl.strip();
        String tokenId = callbackUrl == null ? null : caller.tokenId().orElse(null);
        return new ImportFollowUp(options.idempotencyKey, callbackUrl, tokenId);
    }

    private static ImportOptions readOptions(ImportOptionsInput options) throws ApiRefusal {
        try {
            return OptionsMapping.toDomain(options);
        } catch (ImportRefusedException e) {
            throw ApiRefusal.of(e);
        }
    }

    @Query("importJob")
    @Description("One import job by its id, or null when there is none.")
    public ImportJobView importJob(@NonNull @Id @Name("importId") String importId) throws ApiRefusal {
        Optional<ImportJob> job = imports.find(importId);
        if (job.isPresent()) {
            caller.requireJob(job.get().entity(), job.get().createdBy());
        }
        return job.map(ImportJobView::of).orElse(null);
    }

    @Query("importJobs")
    @Description("An app's import history, newest first, a page at a time.")
    public @NonNull ImportJobPage importJobs(@NonNull @Name("entity") String entity,
            @Name("first") @DefaultValue("50") Integer first, @Name("after") String after) throws ApiRefusal {
        caller.requireHistory(entity);
        if (apps.find(entity).isEmpty()) {
            throw new Refusals.UnknownEntity("There is no app '" + entity + "'.");
        }
        int size = PageSize.of(first, 50, MAX_PAGE);
        HistoryCursor cursor = after == null ? null : HistoryCursor.decode(after)
                .orElseThrow(() -> new Refusals.InvalidInput("'after' is not a cursor this API gave out."));
        List<ImportJob> jobs = imports.history(entity, cursor, size + 1);
        boolean more = jobs.size() > size;
        List<ImportJob> page = more ? jobs.subList(0, size) : jobs;
        String next = more ? HistoryCursor.after(page.get(page.size() - 1)).encode() : null;
        return new ImportJobPage(page.stream().map(ImportJobView::of).toList(), (int) imports.historySize(entity),
                next);
    }

    @Mutation("cancelImport")
    @Description("Stops a queued or running import at its next chunk. Rows committed before that stay imported;"
            + " the job ends CANCELLED and its message says so. Needs the import permission on the app, and the"
            + " history permission unless the caller started the import.")
    public @NonNull ImportJobView cancelImport(@NonNull @Id @Name("importId") String importId) throws ApiRefusal {
        ImportJob found = imports.find(importId)
                .orElseThrow(() -> new Refusals.NotFound("There is no import '" + importId + "'."));
        String by = caller.requireChange(found.entity(), found.createdBy()).username();
        return ImportJobView.of(imports.cancel(importId, by).orElse(found));
    }

    @Mutation("undoImport")
    @Description("Undoes an import: deletes the records it created and restores, field by field, the values it"
            + " changed, with their match keys. A record changed since by another job (a later import, another"
            + " undo) is left alone and listed as a conflict in the undo's `errors`, unless `force` is true. The"
            + " undo is a job of the history (kind UNDO, `undoOf` the import; the import gets `undoneBy`); a small"
            + " one has ended when this answers, a large one runs in the background like an import. Refused with"
            + " NOT_FOUND, or UNDO_NOT_POSSIBLE when the import is still running, was a dry run, is an undo, was"
            + " already undone or its history has expired. Needs the import permission on the app, and the history"
            + " permission unless the caller started the import.")
    public @NonNull ImportJobView undoImport(@NonNull @Id @Name("importId") String importId,
            @Name("force") @Description("Also revert records changed since the import; default false.")
            Boolean force) throws ApiRefusal {
        ImportJob found = imports.find(importId)
                .orElseThrow(() -> new Refusals.NotFound("There is no import '" + importId + "'."));
        String by = caller.requireChange(found.entity(), found.createdBy()).username();
        try {
            return ImportJobView.of(imports.undo(importId, Boolean.TRUE.equals(force), by));
        } catch (ImportRefusedException e) {
            throw ApiRefusal.of(e);
        }
    }

    @Description("The import's failed rows in the order they failed; `after` is how many to skip.")
    public @NonNull List<@NonNull RowErrorView> errors(@Source ImportJobView job,
            @Name("first") @DefaultValue("100") Integer first, @Name("after") @DefaultValue("0") Integer after)
            throws ApiRefusal {
        int size = PageSize.of(first, 100, 10_000);
        return imports.rowErrors(job.importId(), after == null ? 0 : Math.max(0, after), size).stream()
                .map(RowErrorView::of).toList();
    }
}
