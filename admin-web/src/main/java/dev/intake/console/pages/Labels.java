package dev.intake.console.pages;

import jakarta.faces.context.FacesContext;
import java.util.ResourceBundle;

/** Reads console texts from the resource bundle declared in faces-config.xml. */
final class Labels {

    private Labels() {
    }

    static String text(FacesContext faces, String key) {
        ResourceBundle bundle = faces.getApplication().getResourceBundle(faces, "msg");
        return bundle.containsKey(key) ? bundle.getString(key) : key;
    }
}
