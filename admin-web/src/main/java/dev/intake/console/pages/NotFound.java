package dev.intake.console.pages;

import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import java.io.IOException;

/** Answers a console request for something that does not exist with a real 404. */
final class NotFound {

    private NotFound() {
    }

    static void send(String what) throws IOException {
        FacesContext faces = FacesContext.getCurrentInstance();
        ExternalContext external = faces.getExternalContext();
        external.responseSendError(404, what);
        faces.responseComplete();
    }
}
