package dev.arca.privacy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.task.TaskExecutor;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * What follows an erasure once it has committed: the subject goes on the {@link ErasureList},
 * and the database gives up the freed space, so that the erased values are not left readable in
 * its files. SQLite runs with {@code secure_delete} (freed content is overwritten with zeros)
 * and here checkpoints and truncates its write-ahead log, which still holds the old pages.
 * PostgreSQL rewrites the tables that can hold a subject's rows ({@code VACUUM FULL}: a plain
 * vacuum only marks the space free, with the bytes still in it), then switches to a new WAL
 * segment and checkpoints, so that segments holding the old rows can go: with
 * {@code wal_recycle = off} they are deleted, otherwise they are renamed for reuse and overwritten
 * later. WAL archives and replicas are the operator's to manage (docs/ARCHITECTURE.md, Erasure).
 *
 * <p>Both run on a connection of their own, outside any transaction (neither command may run
 * inside one), on a background thread: work after the commit may still be writing on the
 * request's connection, and the checkpoint waits for that writer to finish.
 */
@Component
class ErasureFollowUp {

    private static final Logger LOG = LoggerFactory.getLogger(ErasureFollowUp.class);

    private final ErasureList erasures;
    private final DataMap dataMap;
    private final DataSource dataSource;
    private final TaskExecutor background;

    ErasureFollowUp(ErasureList erasures, DataMap dataMap, DataSource dataSource,
            @Qualifier("applicationTaskExecutor") TaskExecutor background) {
        this.erasures = erasures;
        this.dataMap = dataMap;
        this.dataSource = dataSource;
        this.background = background;
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(SubjectErased erased) {
        erasures.add(erased.subjectId());
        background.execute(this::compact);
    }

    private void compact() {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(true);
            if (connection.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("sqlite")) {
                try (java.sql.ResultSet result = statement.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
                    if (result.next() && result.getInt(1) != 0) {
                        LOG.warn("The write-ahead log could not be truncated after an erasure: a reader was busy");
                    }
                }
            } else {
                // Every table that can hold a subject's rows: rows also go by ON DELETE CASCADE, which
                // no count sees. A rewrite locks its table while it runs; rather than queue behind a
                // long read (and hold up everyone queued behind it), it gives up after a while and
                // the space is rewritten by the next erasure.
                statement.execute("SET lock_timeout = '10s'");
                for (DataTable table : dataMap.subjectTables()) {
                    try {
                        statement.execute("VACUUM FULL " + table.table());
                    } catch (SQLException busy) {
                        LOG.warn("Could not rewrite {} after an erasure within 10 s: {}", table.table(), busy.getMessage());
                    }
                }
                try {
                    statement.execute("CHECKPOINT");
                    statement.execute("SELECT pg_switch_wal()");
                    statement.execute("CHECKPOINT");
                } catch (SQLException e) {
                    LOG.warn("The erased rows stay in PostgreSQL's write-ahead log until it moves on: this role may "
                            + "not checkpoint ({}). Grant it pg_checkpoint and EXECUTE on pg_switch_wal.", e.getMessage());
                }
            }
        } catch (SQLException e) {
            // The erasure itself has committed; the space is freed by the next checkpoint or autovacuum.
            LOG.warn("Could not compact the database after an erasure: {}", e.getMessage());
        }
    }
}
