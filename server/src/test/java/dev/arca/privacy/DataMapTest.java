package dev.arca.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arca.support.Db;
import dev.arca.support.TestServer;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(Db.class)
class DataMapTest {

    @Parameter
    Db db;

    @Test
    @DisplayName("III the real schema after migrations has no column the data map does not classify, and no phantom")
    void schemaHasNoUnclassifiedColumn() throws Exception {
        TestServer server = TestServer.on(db);
        Set<String> schema = new TreeSet<>();
        try (Connection connection = server.bean(DataSource.class).getConnection()) {
            DatabaseMetaData meta = connection.getMetaData();
            String schemaPattern = db == Db.POSTGRES ? "public" : null;
            try (ResultSet tables = meta.getTables(null, schemaPattern, "%", new String[] {"TABLE"})) {
                while (tables.next()) {
                    String table = tables.getString("TABLE_NAME").toLowerCase(Locale.ROOT);
                    if (table.startsWith("sqlite_")) {
                        continue;
                    }
                    try (ResultSet columns = meta.getColumns(null, schemaPattern, tables.getString("TABLE_NAME"), "%")) {
                        while (columns.next()) {
                            schema.add(table + "." + columns.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
                        }
                    }
                }
            }
        }
        Set<String> classified = new TreeSet<>();
        for (DataTable table : server.bean(DataMap.class).tables()) {
            table.columns().forEach(c -> classified.add(table.table() + "." + c.name()));
        }
        assertThat(schema).as("schema").contains("accounts.email", "consent_events.notice_sha256");
        assertThat(classified).as("unclassified columns are the difference").containsAll(schema);
        assertThat(schema).as("classified columns that do not exist").containsAll(classified);
    }

    @Test
    @DisplayName("I.2i every way the data map finds a subject's rows runs on the real schema")
    void everyFinderRuns() {
        TestServer server = TestServer.on(db);
        DataMap map = server.bean(DataMap.class);
        for (DataTable table : map.subjectTables()) {
            DataTable.Selection rows = table.rowsOf("no-such-subject");
            assertThat(server.jdbc().sql("SELECT COUNT(*) FROM " + table.table() + " WHERE " + rows.where())
                    .params(rows.params()).query(Integer.class).single()).as(table.table()).isZero();
            assertThat(table.reads()).as(table.table() + " reads classified tables")
                    .allSatisfy(read -> assertThat(map.table(read)).isPresent());
        }
    }

    private static final DataTable.Column NOTE = DataTable.Column.personal("note", "note", Purpose.ACCOUNT, "a while");

    @Test
    @DisplayName("I.2i a table with a personal column but no way to find a subject's rows stops the server, saying how to fix it")
    void personalTableWithoutFinderIsRefused() {
        DataTable unfindable = new DataTable("notes", null, false, List.of(), null, List.of(NOTE));

        assertThatThrownBy(() -> new DataMap(List.of(() -> List.of(unfindable))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("notes has personal columns [note] but does not say whose rows they are")
                .hasMessageContaining("DataTable.ofSubject").hasMessageContaining("alsoFoundBy")
                .hasMessageContaining("DataTable.ownedByNoOne");
        assertThat(new DataMap(List.of(() -> List.of(
                DataTable.foundBy("notes", "note = (SELECT email FROM accounts WHERE id = ?)", NOTE),
                DataTable.ownedByNoOne("hits", "no identifier", NOTE),
                DataTable.notPersonal("counts", "day")))).tables()).hasSize(3);
    }

    @Test
    @DisplayName("I.2i a finder is constant SQL with one placeholder: no literal, comment or second statement")
    void findersAreConstantConditions() {
        for (String finder : List.of("note = 'x' OR id = ?", "id = ?; DROP TABLE accounts", "id = ? -- all",
                "id = ? OR owner = ?", "id = 1", "id = ? /* */")) {
            assertThatThrownBy(() -> DataTable.foundBy("notes", finder, NOTE)).as(finder)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> DataTable.ownedByNoOne("notes", " ", NOTE)).isInstanceOf(IllegalArgumentException.class);
        DataTable.Selection rows = DataTable.ofSubject("notes", "account_id", NOTE,
                        DataTable.Column.personal("account_id", "identifier", Purpose.ACCOUNT, "a while"))
                .alsoFoundBy("note = (SELECT email FROM accounts WHERE id = ?)").rowsOf("A1");
        assertThat(rows.where()).isEqualTo("account_id = ? OR (note = (SELECT email FROM accounts WHERE id = ?))");
        assertThat(rows.params()).containsExactly("A1", "A1");
    }

    @Test
    @DisplayName("I.2i erasure deletes rows found through another table before that table's, and the subject's own row last")
    void erasureOrderFollowsTheFinders() {
        DataTable.Column id = DataTable.Column.personal("id", "identifier", Purpose.ACCOUNT, "a while");
        DataTable.Column owner = DataTable.Column.personal("account_id", "identifier", Purpose.ACCOUNT, "a while");
        DataMap map = new DataMap(List.of(() -> List.of(
                DataTable.subjectRoot("accounts", "id", id, NOTE),
                DataTable.ofSubject("albums", "account_id", id, owner),
                DataTable.foundBy("album_notes", "album_id IN (SELECT id FROM albums WHERE account_id = ?)", NOTE),
                DataTable.foundBy("mail", "note = (SELECT note FROM accounts WHERE id = ?)", NOTE))));

        List<String> order = map.subjectTables().stream().map(DataTable::table).toList();

        assertThat(order.indexOf("album_notes")).isLessThan(order.indexOf("albums"));
        assertThat(order.getLast()).isEqualTo("accounts");
        assertThatThrownBy(() -> new DataMap(List.of(() -> List.of(
                DataTable.foundBy("a", "id IN (SELECT id FROM b WHERE note = ?)", NOTE, id),
                DataTable.foundBy("b", "id IN (SELECT id FROM a WHERE note = ?)", NOTE, id)))))
                .hasMessageContaining("cycle");
    }
}
