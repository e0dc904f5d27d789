package dev.intake.domain.importing;

import dev.intake.domain.record.RecordKey;
import java.util.List;
import java.util.Map;

/**
 * A row whose values passed conversion, ready to be matched: its physical line, its values by field name and,
 * once the thread reading the file has computed them, its match keys in the order of the app's rules (null until
 * then; the plan computes them itself for a row without).
 */
public record ImportRow(int line, Map<String, String> values, List<RecordKey> keys) {

    public ImportRow {
        values = Map.copyOf(values);
        keys = keys == null ? null : List.copyOf(keys);
    }

    public ImportRow(int line, Map<String, String> values) {
        this(line, values, null);
    }

    /** The same row with its match keys. */
    ImportRow withKeys(List<RecordKey> matchKeys) {
        return new ImportRow(line, values, matchKeys);
    }
}
