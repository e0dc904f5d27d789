package dev.intake.api.upload;

import io.smallrye.graphql.api.CustomScalar;
import io.smallrye.graphql.api.CustomStringScalar;
import org.eclipse.microprofile.graphql.Description;

/**
 * The {@code Upload} scalar of the GraphQL multipart request spec. On the wire it is a handle that the multipart
 * filter put in place of the file part; only handles issued for the current request resolve to a file.
 */
@CustomScalar("Upload")
@Description("A file sent as a part of a multipart/form-data request (GraphQL multipart request spec).")
public final class Upload implements CustomStringScalar {

    private final String handle;

    public Upload(String handle) {
        this.handle = handle;
    }

    public String handle() {
        return handle;
    }

    @Override
    public String stringValueForSerialization() {
        return handle;
    }
}
