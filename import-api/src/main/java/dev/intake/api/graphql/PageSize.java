package dev.intake.api.graphql;

import dev.intake.api.error.ApiRefusal;
import dev.intake.api.error.Refusals;

/** The size of a page a client asks for with {@code first}: at least 1, and at most the operation's maximum. */
final class PageSize {

    private PageSize() {
    }

    static int of(Integer first, int byDefault, int maximum) throws ApiRefusal {
        if (first == null) {
            return byDefault;
        }
        if (first < 1 || first > maximum) {
            throw new Refusals.InvalidInput("'first' must be between 1 and " + maximum + "; got " + first + ".");
        }
        return first;
    }
}
