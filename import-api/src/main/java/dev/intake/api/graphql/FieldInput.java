package dev.intake.api.graphql;

import dev.intake.domain.app.FieldType;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

/** One field of an app definition. */
@Input("FieldInput")
@Description("One typed field of an app. A CSV column matches it by name or label.")
public class FieldInput {

    @NonNull
    public String name;

    public String label;

    @NonNull
    public FieldType type;

    public Boolean required;

    public Boolean unique;

    public Integer maxLength;

    @Description("The allowed values of a CHOICE field.")
    public List<@NonNull String> choices;

    @Description("For REFERENCE: the app whose records the values name, by their match key.")
    public String reference;
}
