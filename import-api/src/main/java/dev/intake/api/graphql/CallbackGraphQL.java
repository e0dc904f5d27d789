package dev.intake.api.graphql;

import dev.intake.api.error.ApiRefusal;
import dev.intake.api.error.Refusals;
import dev.intake.api.error.ReportsIncidents;
import dev.intake.domain.access.AccessDeniedException;
import dev.intake.domain.callback.CallbackAttempt;
import dev.intake.domain.callback.CallbackDeliveries;
import dev.intake.domain.callback.CallbackHostSettings;
import dev.intake.domain.callback.CallbackState;
import dev.intake.domain.callback.CallbackStatus;
import dev.intake.domain.callback.InvalidCallbackException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;
import org.eclipse.microprofile.graphql.Type;

/** Completion callbacks through GraphQL: an import's delivery and attempts, and the hosts callbacks may reach. */
@GraphQLApi
@ApplicationScoped
@ReportsIncidents
public class CallbackGraphQL {

    @Inject
    CallbackDeliveries deliveries;

    @Inject
    CallbackHostSettings hosts;

    @Inject
    CurrentCaller caller;

    // The URL is shown to everyone who may see the job, as the other options are; README, Limitations.
    @Description("The import's completion callback, once the import has ended; null when it asked for none.")
    public CallbackView callback(@Source ImportJobView job) {
        return deliveries.statusOf(job.importId()).map(CallbackView::of).orElse(null);
    }

    @Description("Every attempt to deliver the import's callback, oldest first; empty when there is none yet.")
    public @NonNull List<@NonNull CallbackAttemptView> callbackAttempts(@Source ImportJobView job) {
        return deliveries.statusOf(job.importId()).map(CallbackView::of).map(CallbackView::attempts)
                .orElse(List.of());
    }

    @Query("callbackHosts")
    @Description("The hosts callbacks may reach (admin only): host names, IP addresses, or *.example.com for every"
            + " host under a domain. Seeded from INTAKE_CALLBACK_HOSTS on the first start.")
    public @NonNull List<@NonNull String> callbackHosts() throws ApiRefusal {
        caller.requireAdmin("callbackHosts");
        return hosts.allowedHosts().hosts();
    }

    @Mutation("setCallbackHosts")
    @Description("Replaces the hosts callbacks may reach (admin only) and answers the list as stored. Pending"
            + " callbacks to a host no longer listed stop at their next attempt.")
    public @NonNull List<@NonNull String> setCallbackHosts(@NonNull @Name("hosts") List<@NonNull String> list)
            throws ApiRefusal {
        try {
            return hosts.replace(caller.requireAdmin("setCallbackHosts"), list).hosts();
        } catch (AccessDeniedException e) {
            throw new Refusals.Forbidden(e.getMessage());
        } catch (InvalidCallbackException e) {
            throw new Refusals.InvalidInput(e.getMessage());
        }
    }

    /** An import's callback delivery. */
    @Type("Callback")
    @Description("Where an import's completion callback goes and how far its delivery has come.")
    public record CallbackView(@NonNull String url,
            @NonNull @Description("PENDING, DELIVERED (answered with 2xx) or GAVE_UP (a day of attempts failed).")
            CallbackState state,
            @Description("When the next attempt is due, while PENDING.") Instant nextAttemptAt,
            Instant deliveredAt,
            @NonNull List<@NonNull CallbackAttemptView> attempts) {

        static CallbackView of(CallbackStatus status) {
            return new CallbackView(status.url(), status.state(), status.nextAttemptAt(), status.deliveredAt(),
                    status.attempts().stream().map(CallbackAttemptView::of).toList());
        }
    }

    /** One delivery attempt. */
    @Type("CallbackAttempt")
    @Description("One attempt to deliver a callback: when, the receiver's HTTP status (null when it could not be"
            + " reached), what went wrong, and when the next attempt is due (null after success or the last one).")
    public record CallbackAttemptView(@NonNull Integer attempt, @NonNull Instant at, Integer statusCode,
            String error, Instant nextAttemptAt) {

        static CallbackAttemptView of(CallbackAttempt attempt) {
            return new CallbackAttemptView(attempt.attempt(), attempt.at(), attempt.statusCode(), attempt.error(),
                    attempt.nextAttemptAt());
        }
    }
}
