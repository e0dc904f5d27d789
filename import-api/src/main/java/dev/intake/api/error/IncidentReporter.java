package dev.intake.api.error;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns an unexpected failure of a GraphQL operation into a refusal that carries an incident id, logged with the
 * cause under the same id: the client learns nothing of the internals but has something to report. Errors (out
 * of memory, a missing class) are reported the same way, since SmallRye logs no failure itself
 * ({@code smallrye.graphql.printDataFetcherException=false}).
 */
@ReportsIncidents
@Interceptor
@Priority(Interceptor.Priority.APPLICATION)
public class IncidentReporter {

    private static final Logger LOG = Logger.getLogger(IncidentReporter.class.getName());

    @AroundInvoke
    Object report(InvocationContext invocation) throws Exception {
        try {
            return invocation.proceed();
        } catch (ApiRefusal refusal) {
            throw refusal;
        } catch (RuntimeException | Error e) {
            String incident = UUID.randomUUID().toString();
            String operation = invocation.getMethod().getName();
            LOG.log(Level.SEVERE, "INTAKE-110 " + operation + " failed, incident " + incident, e);
            throw new Refusals.Internal("An internal error stopped this request (incident " + incident
                    + "). Nothing was changed by the failed step; an administrator can find the cause in the log.");
        }
    }
}
