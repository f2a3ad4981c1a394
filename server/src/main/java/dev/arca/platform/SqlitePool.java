package dev.arca.platform;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * The connection pool for the embedded SQLite database.
 *
 * <p>WAL lets readers run beside the one writer; {@code busy_timeout} makes a second writer
 * wait instead of failing with "database is locked". Transactions begin IMMEDIATE: a deferred
 * one that reads, then writes after another connection wrote, would fail at once
 * ({@code SQLITE_BUSY_SNAPSHOT}) instead of waiting its turn.
 *
 * <p>The driver marks a connection as inside a transaction before it runs {@code BEGIN
 * IMMEDIATE}. When that {@code BEGIN} fails (the write lock stayed busy past the timeout), the
 * connection believes a transaction is open that SQLite never started, and every later
 * transaction on it fails at commit. Such a connection is therefore evicted from the pool: the
 * caller sees the one failure, and the next borrower gets a sound connection.
 */
final class SqlitePool extends DelegatingDataSource implements AutoCloseable {

    private final HikariDataSource pool;

    SqlitePool(Path file, Duration busyTimeout, int size) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("arca");
        config.setJdbcUrl("jdbc:sqlite:" + file + "?busy_timeout=" + busyTimeout.toMillis()
                + "&journal_mode=WAL&foreign_keys=on&transaction_mode=IMMEDIATE");
        config.setMaximumPoolSize(size);
        this.pool = new HikariDataSource(config);
        setTargetDataSource(pool);
    }

    @Override
    public Connection getConnection() throws SQLException {
        return evictingOnFailedBegin(pool.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return evictingOnFailedBegin(pool.getConnection(username, password));
    }

    private Connection evictingOnFailedBegin(Connection connection) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "equals" -> {
                            return proxy == args[0];
                        }
                        case "hashCode" -> {
                            return System.identityHashCode(proxy);
                        }
                        default -> { }
                    }
                    try {
                        return method.invoke(connection, args);
                    } catch (InvocationTargetException e) {
                        if (method.getName().equals("setAutoCommit") && Boolean.FALSE.equals(args[0])) {
                            pool.evictConnection(connection);
                        }
                        throw e.getCause();
                    }
                });
    }

    @Override
    public void close() {
        pool.close();
    }
}
