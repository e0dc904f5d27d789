package dev.intake.domain.record;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;

/**
 * New record ids for one writer of records, drawn from the database's sequence a block at a time (the sequence
 * moves by {@value RecordStore#ID_BLOCK} per call, so a block is the caller's alone); an import's, several per query.
 * An import keeps one for all its chunks: a chunk that creates a few hundred records leaves the rest of its blocks
 * to the next ones instead of asking the sequence again, a round trip to the database saved for most chunks. Blocks
 * a writer reserved and did not use are left unused. Not for use by several threads.
 */
public final class RecordIds {

    /** Blocks an import reserves per query: for a million rows it asks about fifty times instead of five hundred. */
    private static final int IMPORT_BLOCKS = 10;

    private final int blocksPerQuery;
    private final Deque<Long> reserved = new ArrayDeque<>();
    private long next;
    private long lastOfBlock = -1;

    /** Ids reserved a block at a time. */
    public RecordIds() {
        this(1);
    }

    private RecordIds(int blocksPerQuery) {
        this.blocksPerQuery = blocksPerQuery;
    }

    /** Ids for an import, which creates records in many chunks: several blocks reserved at a time. */
    public static RecordIds forImport() {
        return new RecordIds(IMPORT_BLOCKS);
    }

    /** The next id, from the current block or, when it is used up, from the next one reserved. */
    long next(Connection connection) throws SQLException {
        if (next > lastOfBlock) {
            if (reserved.isEmpty()) {
                reserve(connection);
            }
            next = reserved.removeFirst();
            lastOfBlock = next + RecordStore.ID_BLOCK - 1;
        }
        return next++;
    }

    /** Reserves the next blocks of the sequence in one query, in the order the sequence gives them. */
    private void reserve(Connection connection) throws SQLException {
        String sql = "select nextval('crm_record_ids') from (values " + "(0), ".repeat(blocksPerQuery - 1)
                + "(0)) as blocks (n)";
        try (PreparedStatement query = connection.prepareStatement(sql); ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                reserved.addLast(rows.getLong(1));
            }
        }
        List<Long> inOrder = new ArrayList<>(reserved);
        Collections.sort(inOrder);
        reserved.clear();
        reserved.addAll(inOrder);
    }
}
