package dev.arca.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/** How pooled SQLite connections begin and end transactions. */
class SqlitePoolTest {

    @TempDir
    Path dir;

    @Test
    void aBeginThatTimedOutDoesNotPoisonThePooledConnection() throws SQLException {
        Path file = dir.resolve("arca.db");
        try (SqlitePool pool = new SqlitePool(file, Duration.ofMillis(200), 1)) {
            JdbcTemplate jdbc = new JdbcTemplate(pool);
            TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(pool));
            jdbc.execute("CREATE TABLE t (v INTEGER)");

            try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + file);
                    Statement s = other.createStatement()) {
                s.execute("BEGIN IMMEDIATE");
                assertThatThrownBy(() -> tx.executeWithoutResult(status -> jdbc.update("INSERT INTO t VALUES (1)")))
                        .rootCause().hasMessageContaining("SQLITE_BUSY");
                s.execute("ROLLBACK");
            }

            // With a pool of one, this is the connection that failed to begin, unless it was replaced.
            tx.executeWithoutResult(status -> jdbc.update("INSERT INTO t VALUES (2)"));
            assertThat(jdbc.queryForList("SELECT v FROM t", Integer.class)).containsExactly(2);
            // And a rollback undoes, which it would not if statements ran outside a real transaction.
            tx.executeWithoutResult(status -> {
                jdbc.update("INSERT INTO t VALUES (3)");
                status.setRollbackOnly();
            });
            assertThat(jdbc.queryForList("SELECT v FROM t", Integer.class)).containsExactly(2);
        }
    }

    @Test
    void aCommittedTransactionLeavesTheWriteLockFree() throws SQLException {
        Path file = dir.resolve("arca.db");
        try (SqlitePool pool = new SqlitePool(file, Duration.ofMillis(200), 1);
                Connection other = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement s = other.createStatement()) {
            JdbcTemplate jdbc = new JdbcTemplate(pool);
            TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(pool));
            jdbc.execute("CREATE TABLE t (v INTEGER)");
            boolean[] otherCouldWrite = {false};
            tx.executeWithoutResult(status -> {
                jdbc.update("INSERT INTO t VALUES (1)");
                TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public void afterCommit() {
                        // Work after commit (mail, files) runs while the connection is still bound.
                        try {
                            s.execute("BEGIN IMMEDIATE");
                            s.execute("ROLLBACK");
                            otherCouldWrite[0] = true;
                        } catch (SQLException busy) {
                            otherCouldWrite[0] = false;
                        }
                    }
                });
            });
            assertThat(otherCouldWrite[0]).as("another writer can begin once the transaction committed").isTrue();
            // The bound connection may still be used after commit; statements then run on their own.
            tx.executeWithoutResult(status -> TransactionSynchronizationManager.registerSynchronization(
                    new TransactionSynchronization() {
                        @Override
                        public void afterCommit() {
                            jdbc.update("INSERT INTO t VALUES (2)");
                        }
                    }));
            assertThat(jdbc.queryForList("SELECT v FROM t ORDER BY v", Integer.class)).containsExactly(1, 2);
        }
    }

    @Test
    void aWriteOutsideATransactionTakesTheWritersTurnUntilItIsClosed() throws SQLException {
        Path file = dir.resolve("arca.db");
        try (SqlitePool pool = new SqlitePool(file, Duration.ofMillis(200), 2)) {
            JdbcTemplate jdbc = new JdbcTemplate(pool);
            TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(pool));
            jdbc.execute("CREATE TABLE t (v INTEGER)");
            java.sql.PreparedStatement leftOpen;
            try (Connection c = pool.getConnection()) {
                java.sql.PreparedStatement write = c.prepareStatement("  insert INTO t VALUES (1)");
                write.executeUpdate();
                // Queued behind the write in the one line of writers, not racing it in SQLite's busy handler.
                assertThatThrownBy(() -> tx.executeWithoutResult(status -> jdbc.update("INSERT INTO t VALUES (2)")))
                        .rootCause().hasMessageContaining("No turn to write");
                write.close();
                tx.executeWithoutResult(status -> jdbc.update("INSERT INTO t VALUES (3)"));
                // Reads take no turn; a statement left open gives its turn back with its connection.
                assertThat(jdbc.queryForList("SELECT v FROM t ORDER BY v", Integer.class)).containsExactly(1, 3);
                leftOpen = c.prepareStatement("DELETE FROM t WHERE v = 1");
                leftOpen.executeUpdate();
            }
            leftOpen.close(); // after its connection: gives back nothing a second time
            try (Connection c = pool.getConnection()) {
                java.sql.PreparedStatement write = c.prepareStatement("INSERT INTO t VALUES (5)");
                write.executeUpdate();
                assertThatThrownBy(() -> tx.executeWithoutResult(status -> jdbc.update("INSERT INTO t VALUES (6)")))
                        .as("still one writer at a time").rootCause().hasMessageContaining("No turn to write");
                write.close();
            }
            jdbc.update("DELETE FROM t WHERE v = 5");
            tx.executeWithoutResult(status -> jdbc.update("INSERT INTO t VALUES (4)"));
            assertThat(jdbc.queryForList("SELECT v FROM t ORDER BY v", Integer.class)).containsExactly(3, 4);
        }
    }
}
