package dev.intake.domain.importing;

import dev.intake.domain.record.Statements;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps the outcome of every row of an import on a connection the caller owns: one stored row per chunk, holding
 * each of its rows as line, one character and record id in a compact text, so that a chunk of a thousand rows
 * costs one insert.
 */
public final class RowOutcomeStore {

    private static final char ROW_SEPARATOR = ';';
    private static final char PART_SEPARATOR = ' ';

    private final Connection connection;

    public RowOutcomeStore(Connection connection) {
        this.connection = connection;
    }

    /** Stores the outcomes of one chunk's rows, given in line order. */
    public void add(String jobId, List<RowOutcome> outcomes) throws SQLException {
        Statements together = Statements.on(connection);
        add(jobId, outcomes, together);
        together.send();
    }

    /** Stores the outcomes with the statements the chunk sends together at its end (see {@link Statements}). */
    public void add(String jobId, List<RowOutcome> outcomes, Statements later) throws SQLException {
        if (outcomes.isEmpty()) {
            return;
        }
        String text = encode(outcomes);
        String sql = "insert into row_outcome (job_id, first_line, last_line, outcomes) values (?, ?, ?, ?)";
        later.add(sql, (insert, before) -> {
            insert.setString(before + 1, jobId);
            insert.setInt(before + 2, outcomes.get(0).line());
            insert.setInt(before + 3, outcomes.get(outcomes.size() - 1).line());
            insert.setString(before + 4, text);
        });
    }

    /** The outcomes of the rows of up to {@code chunks} stored chunks whose lines come after {@code afterLine}. */
    public List<RowOutcome> page(String jobId, int afterLine, int chunks) throws SQLException {
        String sql = "select outcomes from row_outcome where job_id = ? and first_line > ? order by first_line"
                + " limit ?";
        List<RowOutcome> outcomes = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, jobId);
            query.setInt(2, afterLine);
            query.setInt(3, chunks);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    outcomes.addAll(decode(rows.getString(1)));
                }
            }
        }
        return outcomes;
    }

    /** "2 A 1001;3 F;4 N 57": line, outcome code and, when there is one, the record id. */
    static String encode(List<RowOutcome> outcomes) {
        StringBuilder text = new StringBuilder(outcomes.size() * 12);
        for (RowOutcome outcome : outcomes) {
            if (text.length() > 0) {
                text.append(ROW_SEPARATOR);
            }
            text.append(outcome.line()).append(PART_SEPARATOR).append(outcome.kind().code());
            if (outcome.recordId() != null) {
                text.append(PART_SEPARATOR).append(outcome.recordId());
            }
        }
        return text.toString();
    }

    static List<RowOutcome> decode(String text) {
        List<RowOutcome> outcomes = new ArrayList<>();
        for (String row : text.split(String.valueOf(ROW_SEPARATOR))) {
            String[] parts = row.split(String.valueOf(PART_SEPARATOR));
            Long recordId = parts.length > 2 ? Long.valueOf(parts[2]) : null;
            outcomes.add(new RowOutcome(Integer.parseInt(parts[0]), RowOutcome.Kind.of(parts[1].charAt(0)),
                    recordId));
        }
        return outcomes;
    }
}
