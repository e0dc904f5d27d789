package dev.intake.api.graphql;

import dev.intake.domain.importing.ImportJob;
import dev.intake.domain.importing.ImportStatus;
import java.time.Instant;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** The GraphQL face of an import job. */
@Type("ImportJob")
@Description("One import of one file into one app: its status, counters (processed = added + updated + failed at"
        + " every moment), timing and, through `errors`, its failed rows.")
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
        @Description("Why the whole import failed or stopped.") String message) {

    static ImportJobView of(ImportJob job) {
        return new ImportJobView(job.id(), job.entity(), job.fileName(), job.status(), job.processed(), job.added(),
                job.updated(), job.failed(), job.createdBy(), job.createdAt(), job.startedAt(), job.finishedAt(),
                job.expiresAt(), job.encoding(), job.message());
    }
}
