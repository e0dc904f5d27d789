package dev.intake.domain.importing;

import java.util.Map;

/** A row whose values passed conversion, ready to be matched: its physical line and its values by field name. */
public record ImportRow(int line, Map<String, String> values) {

    public ImportRow {
        values = Map.copyOf(values);
    }
}
