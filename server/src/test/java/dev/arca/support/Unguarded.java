package dev.arca.support;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Runs statements with the database's triggers out of the way, as someone editing a copied
 * database file would: for tests that the keyed chains still notice what the guards would refuse.
 */
public final class Unguarded {

    private Unguarded() {}

    public static void run(TestServer server, String... statements) throws SQLException {
        try (Connection c = server.bean(DataSource.class).getConnection(); Statement s = c.createStatement()) {
            if (server.db == Db.POSTGRES) {
                s.execute("SET session_replication_role = replica"); // triggers do not fire
                for (String sql : statements) {
                    s.execute(sql);
                }
                s.execute("SET session_replication_role = DEFAULT");
                return;
            }
            List<String> triggers = new ArrayList<>();
            List<String> names = new ArrayList<>();
            try (var rs = s.executeQuery("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                    triggers.add(rs.getString(2));
                }
            }
            for (String name : names) {
                s.execute("DROP TRIGGER " + name);
            }
            try {
                for (String sql : statements) {
                    s.execute(sql);
                }
            } finally {
                for (String trigger : triggers) {
                    s.execute(trigger);
                }
            }
        }
    }
}
