package org.lucarne.signaling.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;

/**
 * A small HikariCP pool on PostgreSQL. Opening first tries one plain connection, so an
 * unreachable server or a wrong password gives one clear sentence rather than a pool's
 * stack trace.
 */
final class PostgresConnections implements ConnectionSource {

    static final int MAX_POOL_SIZE = 8;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private final HikariDataSource pool;

    private PostgresConnections(HikariDataSource pool) {
        this.pool = pool;
    }

    static PostgresConnections open(DatabaseSettings settings) {
        Properties props = driverProperties(settings);
        try (Connection probe = new org.postgresql.Driver().connect(settings.jdbcUrl(), props)) {
            if (probe == null) {
                throw new StorageException("database URL (LUCARNE_DB_URL / db.url) '" + settings.safeUrl()
                        + "' is not a valid PostgreSQL URL. Use " + Dialect.ACCEPTED_FORMS);
            }
        } catch (SQLException e) {
            throw explain(settings, e);
        }
        HikariConfig config = new HikariConfig();
        config.setPoolName("lucarne-db");
        config.setJdbcUrl(settings.jdbcUrl());
        config.setDataSourceProperties(props);
        config.setMaximumPoolSize(MAX_POOL_SIZE);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(CONNECT_TIMEOUT.toMillis());
        try {
            return new PostgresConnections(new HikariDataSource(config));
        } catch (RuntimeException e) {
            // Lost between the probe and the pool: report it the same way.
            Throwable cause = e.getCause() instanceof SQLException ? e.getCause() : e;
            throw explain(settings, cause);
        }
    }

    @Override
    public Connection acquire(Duration maxWait) throws SQLException {
        return pool.getConnection();
    }

    @Override
    public void release(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new StorageException("returning a PostgreSQL connection to the pool failed: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public javax.sql.DataSource migrationDataSource() {
        return pool;
    }

    @Override
    public void close() {
        pool.close();
    }

    static Properties driverProperties(DatabaseSettings settings) {
        Properties props = new Properties();
        if (settings.user() != null) {
            props.setProperty("user", settings.user());
        }
        if (settings.password() != null) {
            props.setProperty("password", settings.password());
        }
        String seconds = Long.toString(CONNECT_TIMEOUT.toSeconds());
        props.setProperty("connectTimeout", seconds);
        props.setProperty("loginTimeout", seconds);
        props.setProperty("ApplicationName", "lucarne");
        return props;
    }

    static StorageException explain(DatabaseSettings settings, Throwable e) {
        String who = settings.user() == null ? "" : " as user " + settings.user();
        return new StorageException("cannot connect to PostgreSQL at " + settings.safeUrl() + who + ": "
                + plainWords(e), e);
    }

    private static String plainWords(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return "connection refused. Is PostgreSQL running and listening on that host and port?";
            }
            if (t instanceof UnknownHostException) {
                return "unknown host " + t.getMessage() + ". Check the host name in the URL";
            }
            if (t instanceof NoRouteToHostException) {
                return "no route to the host. Check the network and firewall";
            }
            if (t instanceof SocketTimeoutException) {
                return "no answer within " + CONNECT_TIMEOUT.toSeconds()
                        + " s. Check the host, the port and any firewall";
            }
        }
        String state = e instanceof SQLException sql && sql.getSQLState() != null ? sql.getSQLState() : "";
        return switch (state) {
            case "28P01" -> "password authentication failed. Check the database user and password";
            case "28000" -> "the server refused this user (" + e.getMessage()
                    + "). Check the user and the server's pg_hba.conf";
            case "3D000" -> "the database does not exist. Create it (createdb) or fix the name in the URL";
            default -> e.getMessage();
        };
    }
}
