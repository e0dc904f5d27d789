package dev.intake.api.graphql;

import dev.intake.api.error.ApiRefusal;
import dev.intake.api.error.Refusals;
import dev.intake.domain.app.AppCatalog;
import dev.intake.domain.app.AppDefinition;
import dev.intake.domain.record.RecordService;
import dev.intake.domain.record.StoredRecord;
import dev.intake.api.error.ReportsIncidents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

/** An app's records through GraphQL. */
@GraphQLApi
@ApplicationScoped
@ReportsIncidents
public class RecordGraphQL {

    private static final int MAX_PAGE = 1000;

    @Inject
    RecordService records;

    @Inject
    AppCatalog catalog;

    @Inject
    CurrentCaller caller;

    @Query("records")
    @Description("An app's records in the order they were created, a page at a time; pass `next` as `after`.")
    public @NonNull RecordPage records(@NonNull @Name("entity") String entity,
            @Name("first") @DefaultValue("100") Integer first, @Name("after") String after) throws ApiRefusal {
        caller.requireHistory(entity);
        AppDefinition app = catalog.find(entity)
                .orElseThrow(() -> new Refusals.UnknownEntity("There is no app '" + entity + "'."));
        int size = PageSize.of(first, 100, MAX_PAGE);
        List<StoredRecord> page = records.page(entity, afterId(after), size + 1);
        boolean more = page.size() > size;
        List<StoredRecord> items = more ? page.subList(0, size) : page;
        String next = more ? Long.toString(items.get(items.size() - 1).id()) : null;
        return new RecordPage(items.stream().map(record -> RecordView.of(app, record)).toList(),
                (int) records.count(entity), next);
    }

    private static long afterId(String after) throws ApiRefusal {
        if (after == null || after.isBlank()) {
            return 0;
        }
        try {
            return Long.parseLong(after);
        } catch (NumberFormatException e) {
            throw new Refusals.InvalidInput("'after' is not a cursor this API gave out.");
        }
    }
}
