package dev.arca.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.support.Db;
import dev.arca.support.TestServer;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
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
}
