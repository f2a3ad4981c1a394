package dev.arca.privacy;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Erases a subject: every row the {@link DataMap} ties to them, found exactly as
 * {@link SubjectExport} finds them ({@link DataTable#rowsOf}), in one transaction, each table
 * before those its finders read and the subject's own row last. Rows that are also another
 * person's (a membership of someone else's share, mail to the subject's address) go; what they
 * point to (the other person's share) stays. Capabilities that keep data outside the database
 * (content, keys) erase it on {@link SubjectErased}.
 */
@Service
public class SubjectErasure {

    private final JdbcClient jdbc;
    private final DataMap dataMap;
    private final ApplicationEventPublisher events;
    private final Pseudonyms pseudonyms;

    SubjectErasure(JdbcClient jdbc, DataMap dataMap, ApplicationEventPublisher events, Pseudonyms pseudonyms) {
        this.pseudonyms = pseudonyms;
        this.jdbc = jdbc;
        this.dataMap = dataMap;
        this.events = events;
    }

    /** Removes all of the subject's rows; idempotent. Returns the number of rows removed. */
    @Transactional
    public int erase(String subjectId) {
        int removed = 0;
        events.publishEvent(new SubjectErasing(subjectId));
        // The ledger's and the access log's guards let exactly this subject's entries go, within this
        // transaction only: the ledger names the subject by id, the access log by pseudonym.
        String pseudonym = pseudonyms.subject(subjectId);
        jdbc.sql("INSERT INTO ledger_unlocks (subject_id) VALUES (?)").param(subjectId).update();
        jdbc.sql("INSERT INTO ledger_unlocks (subject_id) VALUES (?)").param(pseudonym).update();
        for (DataTable table : dataMap.subjectTables()) {
            DataTable.Selection theirs = dataMap.rowsOf(table, subjectId);
            removed += jdbc.sql("DELETE FROM " + table.table() + " WHERE " + theirs.where())
                    .params(theirs.params()).update();
        }
        jdbc.sql("DELETE FROM ledger_unlocks WHERE subject_id IN (?, ?)").params(subjectId, pseudonym).update();
        events.publishEvent(new SubjectErased(subjectId));
        return removed;
    }
}
