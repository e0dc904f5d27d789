package dev.intake.domain.app;

import java.util.List;

/**
 * One match rule of an app: the fields whose values, taken together, identify a record. {@code index} is the
 * rule's place in the app's order, which is also how its keys are stored.
 */
public record MatchRule(int index, List<String> fields) {

    public MatchRule {
        fields = List.copyOf(fields);
    }
}
