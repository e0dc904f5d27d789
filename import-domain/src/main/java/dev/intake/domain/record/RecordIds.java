package dev.intake.domain.record;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * New record ids for one writer of records, drawn from the database's sequence a block at a time (the sequence
 * moves by {@value RecordStore#ID_BLOCK} per call, so a block is the caller's alone). An import keeps one for all
 * its chunks: a chunk that creates a few hundred records leaves the rest of its block to the next one instead of
 * asking the sequence again, a round trip to the database saved for most chunks. Not for use by several threads.
 */
public final class RecordIds {

    private long next;
    private long lastOfBlock = -1;

    /** The next id, from the current block or, when it is used up, from a new one read on the connection. */
    long next(Connection connection) throws SQLException {
        if (next > lastOfBlock) {
            try (PreparedStatement query = connection.prepareStatement("select nextval('crm_record_ids')");
                    ResultSet rows = query.executeQuery()) {
                rows.next();
                next = rows.getLong(1);
                lastOfBlock = next + RecordStore.ID_BLOCK - 1;
            }
        }
        return next++;
    }
}
