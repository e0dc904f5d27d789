package dev.intake.domain.importing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What earlier undos of one import already did, so that a follow-up undo leaves it alone: an undo went through
 * the journal in record id order up to its checkpoint, and handled every record it reached except those it left
 * as conflicts (its row errors name them). The most recent undo that reached a record has the last word; a record
 * no undo reached was not handled.
 */
final class EarlierUndos {

    private final Connection connection;
    private final List<Reach> chain;

    private EarlierUndos(Connection connection, List<Reach> chain) {
        this.connection = connection;
        this.chain = chain;
    }

    /** The undos before the one that follows {@code latestUndoId}, newest first; none when it is null. */
    static EarlierUndos of(Connection connection, String latestUndoId) throws SQLException {
        List<Reach> chain = new ArrayList<>();
        for (String undo = latestUndoId; undo != null; ) {
            Reach reach = reachOf(connection, undo);
            if (reach == null) {
                break;
            }
            chain.add(reach);
            undo = reach.before();
        }
        return new EarlierUndos(connection, chain);
    }

    /** The records among {@code ids} that an earlier undo restored or deleted. */
    Set<Long> handled(Collection<Long> ids) throws SQLException {
        Set<Long> undecided = new HashSet<>(ids);
        Set<Long> handled = new HashSet<>();
        for (Reach undo : chain) {
            Set<Long> reached = new HashSet<>();
            undecided.stream().filter(id -> id <= undo.lastRecord()).forEach(reached::add);
            undecided.removeAll(reached);
            reached.removeAll(conflictsOf(undo.id(), reached));
            handled.addAll(reached);
        }
        return handled;
    }

    private Set<Long> conflictsOf(String undoId, Set<Long> ids) throws SQLException {
        if (ids.isEmpty()) {
            return Set.of();
        }
        Set<Long> conflicts = new HashSet<>();
        String sql = "select cell_value from row_error where job_id = ? and cell_value in ("
                + String.join(", ", Collections.nCopies(ids.size(), "?")) + ")";
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, undoId);
            int at = 2;
            for (long id : ids) {
                query.setString(at++, Long.toString(id));
            }
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    conflicts.add(Long.parseLong(rows.getString(1)));
                }
            }
        }
        return conflicts;
    }

    private static Reach reachOf(Connection connection, String undoId) throws SQLException {
        String sql = "select checkpoint_record, after_undo from import_job where id = ?";
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, undoId);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? new Reach(undoId, rows.getLong(1), rows.getString(2)) : null;
            }
        }
    }

    /** How far one undo went through the journal, and the undo it followed. */
    private record Reach(String id, long lastRecord, String before) {
    }
}
