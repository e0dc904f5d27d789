package dev.intake.domain.config;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

/**
 * The application's database: the server's data source {@value #JNDI_NAME}, looked up once. On Payara Micro
 * bin/serve creates it; on a full server its administrator does. Connections taken inside a transaction join it.
 */
@ApplicationScoped
public class Database {

    public static final String JNDI_NAME = "jdbc/intake";

    private volatile DataSource dataSource;

    public DataSource dataSource() {
        DataSource found = dataSource;
        if (found == null) {
            try {
                found = (DataSource) new InitialContext().lookup(JNDI_NAME);
            } catch (NamingException e) {
                throw new IllegalStateException("The data source " + JNDI_NAME + " is not available: define it on"
                        + " the server (bin/serve does this for Payara Micro)", e);
            }
            dataSource = found;
        }
        return found;
    }

    public Connection connection() throws SQLException {
        return dataSource().getConnection();
    }
}
