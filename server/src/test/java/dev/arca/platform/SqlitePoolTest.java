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
import org.springframework.transaction.support.TransactionTemplate;

/** A transaction that could not begin while another process held the write lock. */
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
}
