package dev.intake.api.graphql;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;

/** How to read an uploaded file; every option may be left out. */
@Input("ImportOptions")
@Description("How to read the file. Everything is detected or defaulted when left out.")
public class ImportOptionsInput {

    @Description("One character; detected from the header line among , ; tab | when absent.")
    public String delimiter;

    @Description("A character set such as \"windows-1252\"; detected (byte-order mark, UTF-8 validity) when absent.")
    public String encoding;

    @Description("A java.time pattern such as \"dd/MM/yyyy\"; ISO-8601 is always accepted.")
    public String dateFormat;

    @Description("A BCP 47 tag for numbers: \"de-DE\" reads 1.234,56. Default en-US.")
    public String locale;

    @Description("Default false: unknown columns refuse the import. True ignores them.")
    public Boolean ignoreUnknownColumns;

    @Description("Stop after this many failed rows; default 1000.")
    public Integer maxErrors;

    @Description("An http or https URL on an allowed host (see `callbackHosts`): when the import ends, the finished"
            + " job is posted there as JSON, signed with the token's callback secret (header X-Intake-Signature),"
            + " and retried with growing pauses for a day until it is answered with 2xx.")
    public String callbackUrl;

    @Description("Up to 200 characters chosen by the client, such as a UUID per logical import: sending the same"
            + " key again (same user, same app) answers the job already started instead of importing again.")
    public String idempotencyKey;

    @Description("Default false. True reads, converts and matches every row but writes no record: the job counts"
            + " what the import would add, update and fail, with every row error.")
    public Boolean dryRun;
}
