package dev.arca.platform;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * The connection pool for the embedded SQLite database.
 *
 * <p>WAL lets readers run beside the one writer. Transactions begin IMMEDIATE: a deferred one
 * that reads, then writes after another connection wrote, would fail at once
 * ({@code SQLITE_BUSY_SNAPSHOT}) instead of waiting its turn. {@code secure_delete} overwrites
 * deleted content with zeros, so an erased person's values do not stay readable in free pages.
 *
 * <p>SQLite has one writer at a time, so transactions take turns here, first come first served,
 * before they {@code BEGIN}: SQLite's own busy handler polls with growing sleeps, and under
 * steady load a waiting writer can lose every race until its timeout. A writing statement
 * outside a transaction ({@code INSERT}, {@code UPDATE}, {@code DELETE}, {@code REPLACE}, prepared)
 * takes the same turn from its first execution until it is closed: SQLite commits it when it has
 * run to its end or is reset, which for a {@code RETURNING} statement is when its rows have been
 * read, and closing is the one moment that covers both.
 *
 * <p>Two habits of the driver are corrected. It marks a connection as inside a transaction
 * before its {@code BEGIN} ran, so a {@code BEGIN} that failed left a connection that failed
 * every later commit: such a connection is evicted. And {@code commit()} begins the next
 * transaction at once, taking the write lock again while the caller has not asked for
 * anything; here a commit ends the transaction, and the next one begins at the next statement.
 */
final class SqlitePool extends DelegatingDataSource implements AutoCloseable {

    private static final Set<String> STATEMENTS = Set.of("createStatement", "prepareStatement", "prepareCall");
    private static final java.util.regex.Pattern WRITE =
            java.util.regex.Pattern.compile("(?is)\\s*(INSERT|UPDATE|DELETE|REPLACE)\\b.*");

    private final HikariDataSource pool;
    private final Duration busyTimeout;
    private final Semaphore writer = new Semaphore(1, true);

    SqlitePool(Path file, Duration busyTimeout, int size) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("arca");
        config.setJdbcUrl("jdbc:sqlite:" + file + "?busy_timeout=" + busyTimeout.toMillis()
                + "&journal_mode=WAL&foreign_keys=on&transaction_mode=IMMEDIATE&secure_delete=true");
        config.setMaximumPoolSize(size);
        this.pool = new HikariDataSource(config);
        this.busyTimeout = busyTimeout;
        setTargetDataSource(pool);
    }

    @Override
    public Connection getConnection() throws SQLException {
        return wrap(pool.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return wrap(pool.getConnection(username, password));
    }

    private Connection wrap(Connection connection) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                new Transactions(connection));
    }

    @Override
    public void close() {
        pool.close();
    }

    /** The transaction state of one borrowed connection. Used by one thread at a time, as JDBC is. */
    private final class Transactions implements InvocationHandler {

        private final Connection connection;
        /** A transaction is open in SQLite and this connection holds the writer's turn. */
        private boolean open;
        /** The caller is in manual-commit mode, but the next transaction has not begun yet. */
        private boolean pending;
        /** Writing statements in auto-commit mode that hold the writer's turn until they close. */
        private final java.util.List<boolean[]> statementsWriting = new java.util.ArrayList<>();

        Transactions(Connection connection) {
            this.connection = connection;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "equals" -> {
                    return proxy == args[0];
                }
                case "hashCode" -> {
                    return System.identityHashCode(proxy);
                }
                case "getAutoCommit" -> {
                    return !open && !pending;
                }
                case "setAutoCommit" -> {
                    if ((Boolean) args[0]) {
                        pending = false;
                        if (open) {
                            end(false);
                        }
                    } else if (!open && !pending) {
                        begin();
                    }
                    return null;
                }
                case "commit", "rollback" -> {
                    if (args == null || args.length == 0) {
                        if (open) {
                            end(method.getName().equals("rollback"));
                            pending = true;
                        } else if (!pending) {
                            throw new SQLException("database in auto-commit mode");
                        }
                        return null;
                    }
                }
                case "close" -> {
                    try {
                        if (open) {
                            end(true);
                        }
                    } finally {
                        pending = false;
                        // Statements the caller left open close with the connection, and give their turn back
                        // now, once: closing them later releases nothing.
                        for (boolean[] holding : statementsWriting) {
                            if (holding[0]) {
                                holding[0] = false;
                                writer.release();
                            }
                        }
                        statementsWriting.clear();
                        connection.close();
                    }
                    return null;
                }
                default -> {
                    if (pending && STATEMENTS.contains(method.getName())) {
                        pending = false;
                        begin();
                    } else if (!open && method.getName().equals("prepareStatement") && args[0] instanceof String sql
                            && WRITE.matcher(sql).matches()) {
                        return writing((java.sql.PreparedStatement) call(method, args));
                    }
                }
            }
            return call(method, args);
        }

        private Object call(Method method, Object[] args) throws Throwable {
            try {
                return method.invoke(connection, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }

        /** A writing statement in auto-commit mode: it holds the writer's turn from execution to close. */
        private java.sql.PreparedStatement writing(java.sql.PreparedStatement statement) {
            boolean[] holding = {false};
            return (java.sql.PreparedStatement) Proxy.newProxyInstance(java.sql.PreparedStatement.class.getClassLoader(),
                    new Class<?>[] {java.sql.PreparedStatement.class}, (proxy, method, args) -> {
                        String name = method.getName();
                        if (name.startsWith("execute") && !holding[0]) {
                            acquireTurn();
                            holding[0] = true;
                            statementsWriting.add(holding);
                        }
                        try {
                            return method.invoke(statement, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        } finally {
                            if (name.equals("close") && holding[0]) {
                                holding[0] = false;
                                statementsWriting.remove(holding);
                                writer.release();
                            }
                        }
                    });
        }

        private void acquireTurn() throws SQLException {
            try {
                if (!writer.tryAcquire(busyTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new SQLException("[SQLITE_BUSY] No turn to write within " + busyTimeout.toSeconds() + " s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("Interrupted while waiting to write", e);
            }
        }

        private void begin() throws SQLException {
            acquireTurn();
            try {
                connection.setAutoCommit(false);
                open = true;
            } catch (SQLException | RuntimeException e) {
                writer.release();
                pool.evictConnection(connection);
                throw e;
            }
        }

        /** Commits or rolls back and returns to auto-commit, without beginning another transaction. */
        private void end(boolean rollback) throws SQLException {
            try {
                if (rollback) {
                    connection.rollback(); // the driver begins again here; we hold the turn, so it cannot wait
                }
                connection.setAutoCommit(true); // "commit;" of the transaction, or of the empty one after a rollback
            } catch (SQLException | RuntimeException e) {
                pool.evictConnection(connection);
                throw e;
            } finally {
                open = false;
                writer.release();
            }
        }
    }
}
