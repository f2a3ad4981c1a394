package dev.arca.privacy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Erases again, before the server takes requests, every subject on the {@link ErasureList} that
 * the database still holds: the case of a database restored from a copy older than an erasure.
 */
@Component
class ErasureReplay implements SmartInitializingSingleton {

    private static final Logger LOG = LoggerFactory.getLogger(ErasureReplay.class);

    private final JdbcClient jdbc;
    private final DataMap dataMap;
    private final ErasureList erasures;
    private final SubjectErasure erasure;
    private final Pseudonyms pseudonyms;

    ErasureReplay(JdbcClient jdbc, DataMap dataMap, ErasureList erasures, SubjectErasure erasure,
            Pseudonyms pseudonyms) {
        this.jdbc = jdbc;
        this.pseudonyms = pseudonyms;
        this.dataMap = dataMap;
        this.erasures = erasures;
        this.erasure = erasure;
    }

    @Override
    public void afterSingletonsInstantiated() {
        java.util.Set<String> erased = erasures.all();
        if (erased.isEmpty()) {
            return;
        }
        int replayed = 0;
        for (DataTable root : dataMap.tables().stream().filter(DataTable::subjectRoot).toList()) {
            for (String subjectId : jdbc.sql("SELECT " + root.subjectColumn() + " FROM " + root.table())
                    .query(String.class).list()) {
                if (erased.contains(pseudonyms.subject(subjectId))) {
                    erasure.erase(subjectId);
                    replayed++;
                }
            }
        }
        if (replayed > 0) {
            LOG.warn("Erased {} subjects again: the database held subjects erased before (restored from an older copy?)",
                    replayed);
        }
    }
}
