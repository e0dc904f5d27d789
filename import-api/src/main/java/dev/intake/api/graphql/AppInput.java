package dev.intake.api.graphql;

import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

/** An app's definition as an administrator sends it. */
@Input("AppInput")
@Description("An app's whole definition: it creates the app or replaces the definition of an existing one.")
public class AppInput {

    @NonNull
    @Description("Lower-case key such as \"contact\".")
    public String entity;

    @NonNull
    public String label;

    @NonNull
    public List<@NonNull FieldInput> fields;

    @Description("Ordered match rules, each a list of field names; the first rule whose fields all have values in"
            + " a row decides which record the row updates.")
    public List<@NonNull List<@NonNull String>> matchOn;
}
