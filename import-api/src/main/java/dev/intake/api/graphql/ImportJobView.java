package dev.intake.api.graphql;

import dev.intake.domain.importing.ImportJob;
import dev.intake.domain.importing.ImportStatus;
import dev.intake.domain.importing.JobKind;
import java.time.Instant;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** The GraphQL face of an import job. */
@Type("ImportJob")
@Description("One import of one file into one app: its status, counters (processed = added + updated + failed at"
        + " every moment), timing and, through `errors`, its failed rows. A job of kind UNDO undoes the import"
        + " `undoOf`: its `updated` counts the records it restored or deleted, its `failed` (and `errors`) the"
        + " conflicts it left alone.")
public record ImportJobView(
        @Id @NonNull String importId,
        @NonNull String entity,
        @NonNull @Description("The `file` argument of the import, else the uploaded file's name.") String file,
        @NonNull ImportStatus status,
        @NonNull Integer processed,
        @NonNull Integer added,
        @NonNull Integer updated,
        @NonNull Integer failed,
        @NonNull @Description("The user who owns the token that started the import.") String createdBy,
        @NonNull Instant createdAt,
        Instant startedAt,
        Instant finishedAt,
        @NonNull @Description("When this history entry is purged.") Instant expiresAt,
        @Description("The character set the file was read with.") String encoding,
        @Description("Why the whole import failed or stopped.") String message,
        @NonNull @Description("True for a dry run: the counters say what the import would do; no record was"
                + " written.") Boolean dryRun,
        @NonNull @Description("How many of the updated rows matched a record whose values they did not change.")
        Integer unchanged,
        @NonNull @Description("IMPORT, or UNDO for a job that undid an import.") JobKind kind,
        @Id @Description("For an UNDO job: the import it undoes.") String undoOf,
        @Id @Description("For an undone import: the UNDO job that undid it.") String undoneBy,
        @NonNull @Description("For an UNDO job: records whose previous values it restored.") Integer restored,
        @NonNull @Description("For an UNDO job: records the import had created, which it deleted.") Integer deleted,
        @NonNull @Description("For an UNDO job: records changed since the import, or whose previous key is now"
                + " another record's, which it left alone; listed in `errors`.") Integer conflicts) {

    static ImportJobView of(ImportJob job) {
        return new ImportJobView(job.id(), job.entity(), job.fileName(), job.status(), job.processed(), job.added(),
                job.updated(), job.failed(), job.createdBy(), job.createdAt(), job.startedAt(), job.finishedAt(),
                job.expiresAt(), job.encoding(), job.message(), job.dryRun(), job.unchanged(), job.kind(),
                job.undoOf(), job.undoneBy(), job.restored(), job.deleted(), job.conflicts());
    }
}
