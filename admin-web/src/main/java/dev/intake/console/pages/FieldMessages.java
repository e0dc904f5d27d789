package dev.intake.console.pages;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Puts a refusal of the access administration next to the input it is about. The domain's refusals carry only a
 * sentence, so the input is found by the words the sentence uses for it ("password", "role", ...); a sentence
 * that names none goes to the fallback input.
 */
final class FieldMessages {

    private FieldMessages() {
    }

    /** @param inputsByWord pairs of a word the message may use and the client id of its input, tried in order */
    static void show(FacesContext faces, String message, List<Map.Entry<String, String>> inputsByWord,
            String fallback) {
        String lower = message.toLowerCase(Locale.ROOT);
        String clientId = inputsByWord.stream().filter(e -> lower.contains(e.getKey()))
                .map(Map.Entry::getValue).findFirst().orElse(fallback);
        error(faces, clientId, message);
    }

    static void error(FacesContext faces, String clientId, String message) {
        faces.addMessage(clientId, new FacesMessage(FacesMessage.SEVERITY_ERROR, message, null));
    }

    static void info(FacesContext faces, String clientId, String message) {
        faces.addMessage(clientId, new FacesMessage(FacesMessage.SEVERITY_INFO, message, null));
    }
}
