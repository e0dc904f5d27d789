package dev.intake.domain.record;

import dev.intake.domain.config.Database;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** Reads an app's records for the API and the console, in pages in the order they were created. */
@ApplicationScoped
public class RecordService {

    @Inject
    Database database;

    public List<StoredRecord> page(String entity, long afterId, int size) {
        try (Connection connection = database.connection()) {
            return new RecordStore(connection).page(entity, afterId, size);
        } catch (SQLException e) {
            throw new IllegalStateException("Records of " + entity + " could not be read", e);
        }
    }

    public List<StoredRecord> pageAt(String entity, int offset, int size) {
        try (Connection connection = database.connection()) {
            return new RecordStore(connection).pageAt(entity, offset, size);
        } catch (SQLException e) {
            throw new IllegalStateException("Records of " + entity + " could not be read", e);
        }
    }

    public long count(String entity) {
        try (Connection connection = database.connection()) {
            return new RecordStore(connection).count(entity);
        } catch (SQLException e) {
            throw new IllegalStateException("Records of " + entity + " could not be counted", e);
        }
    }
}
