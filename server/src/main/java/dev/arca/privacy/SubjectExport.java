package dev.arca.privacy;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;

/**
 * Writes everything held about a subject as a ZIP of JSON files (right of access and
 * portability). Driven by the {@link DataMap}: a newly classified column is exported without
 * changing this class, and a subject's rows are found exactly as {@link SubjectErasure} finds
 * them ({@link DataTable#rowsOf}). Secrets (password and token hashes) are named in the map but
 * never exported. Beside the rows: the exact text of every consent notice the subject answered.
 */
@Service
public class SubjectExport {

    private final JdbcClient jdbc;
    private final DataMap dataMap;
    private final ObjectMapper json;
    private final List<ExportContribution> contributions;

    private final ProcessorRegister register;

    SubjectExport(JdbcClient jdbc, DataMap dataMap, ObjectMapper json, List<ExportContribution> contributions,
            ProcessorRegister register) {
        this.register = register;
        this.jdbc = jdbc;
        this.dataMap = dataMap;
        this.contributions = contributions;
        this.json = json.rebuild().enable(SerializationFeature.INDENT_OUTPUT).build();
    }

    /** Writes the ZIP to {@code out}; the caller closes {@code out}. */
    public void write(String subjectId, OutputStream out) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(out);
        entry(zip, "README.txt", ("Everything this Arca server holds about you, exported "
                + Instant.now() + ".\ndata/<table>.json holds your rows, and rows others made that concern you "
                + "(a share made with you, mail waiting to be sent to you); data-map.json says what each field is, "
                + "why it is held, for how long and who receives it.\nconsents/notices.json holds the exact text of "
                + "each consent notice you answered, by policy version and purpose (data/consent_events.json says "
                + "what you answered and when).\nitems/<id>.xmp holds what you wrote about each "
                + "item (title, description, tags, rating, date, place) as an XMP sidecar that photo tools read.\n"
                + "Your original files are a download of their own: /api/v1/me/export/originals.\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        entry(zip, "data-map.json", json.writeValueAsBytes(describe()));
        for (DataTable table : dataMap.subjectTables()) {
            entry(zip, "data/" + table.table() + ".json", json.writeValueAsBytes(rows(table, subjectId)));
        }
        entry(zip, "consents/notices.json", json.writeValueAsBytes(notices(subjectId)));
        for (ExportContribution contribution : contributions) {
            contribution.write(subjectId, (name, bytes) -> entry(zip, name, bytes));
        }
        zip.finish();
    }

    /** The subject's rows of one table, with every exportable column; times as ISO-8601. */
    public List<Map<String, Object>> rows(DataTable table, String subjectId) {
        List<DataTable.Column> exported = table.columns().stream()
                .filter(c -> c.classification() == Classification.PERSONAL).toList();
        String columns = exported.stream().map(DataTable.Column::name).collect(Collectors.joining(", "));
        DataTable.Selection mine = dataMap.rowsOf(table, subjectId);
        return jdbc.sql("SELECT " + columns + " FROM " + table.table() + " WHERE " + mine.where())
                .params(mine.params())
                .query((rs, n) -> {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (DataTable.Column column : exported) {
                        Object value = rs.getObject(column.name());
                        if (value instanceof Number millis && column.name().endsWith("_at")) {
                            value = Instant.ofEpochMilli(millis.longValue()).toString();
                        }
                        row.put(column.name(), value);
                    }
                    return row;
                })
                .list();
    }

    /**
     * What the data map says is held about a subject, table by table, with how many rows the
     * subject has there: the privacy center's "what Arca holds about you".
     */
    public record Holding(String table, long rows, List<String> categories, List<Purpose> purposes,
            List<String> retention, List<String> recipients) {}

    public List<Holding> holdings(String subjectId) {
        List<Holding> holdings = new ArrayList<>();
        for (DataTable table : dataMap.subjectTables()) {
            DataTable.Selection mine = dataMap.rowsOf(table, subjectId);
            long rows = jdbc.sql("SELECT COUNT(*) FROM " + table.table() + " WHERE " + mine.where())
                    .params(mine.params()).query(Long.class).single();
            List<DataTable.Column> personal = table.columns().stream()
                    .filter(c -> c.classification() != Classification.NOT_PERSONAL).toList();
            holdings.add(new Holding(table.table(), rows,
                    personal.stream().map(DataTable.Column::category).filter(java.util.Objects::nonNull).distinct().toList(),
                    personal.stream().map(DataTable.Column::purpose).filter(java.util.Objects::nonNull).distinct().toList(),
                    personal.stream().map(DataTable.Column::retention).filter(java.util.Objects::nonNull).distinct().toList(),
                    personal.stream().map(DataTable.Column::recipients).filter(java.util.Objects::nonNull).distinct().toList()));
        }
        return holdings;
    }

    /**
     * The notice of each (policy version, purpose) the subject's consent events name, as published:
     * what they were shown when they granted, refused or withdrew. The events are found as the
     * export finds them, so the notices follow however the data map finds consent rows.
     */
    public List<Map<String, Object>> notices(String subjectId) {
        DataTable.Selection events = dataMap.table("consent_events").orElseThrow().rowsOf(subjectId);
        return jdbc.sql("SELECT n.version, n.purpose, n.notice_sha256, n.notice_text FROM policy_notices n "
                        + "WHERE EXISTS (SELECT 1 FROM consent_events e WHERE e.policy_version = n.version "
                        + "AND e.purpose = n.purpose AND (" + events.where() + ")) ORDER BY n.version, n.purpose")
                .params(events.params())
                .query((rs, n) -> {
                    Map<String, Object> notice = new LinkedHashMap<>();
                    notice.put("policy_version", rs.getInt(1));
                    notice.put("purpose", rs.getString(2));
                    notice.put("notice_sha256", rs.getString(3));
                    notice.put("notice_text", rs.getString(4));
                    return notice;
                })
                .list();
    }

    private List<Map<String, Object>> describe() {
        List<Map<String, Object>> fields = new ArrayList<>();
        for (DataTable table : dataMap.subjectTables()) {
            for (DataTable.Column c : table.columns()) {
                Map<String, Object> field = new LinkedHashMap<>();
                field.put("table", table.table());
                field.put("field", c.name());
                field.put("classification", c.classification());
                field.put("category", c.category());
                field.put("purpose", c.purpose());
                field.put("retention", c.retention());
                field.put("recipients", c.recipients());
                if (c.personal()) {
                    field.put("processors", register.recipients(c.category(), c.purpose()).stream()
                            .map(Processor::name).toList());
                }
                fields.add(field);
            }
        }
        return fields;
    }

    private static void entry(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(bytes);
        zip.closeEntry();
    }
}
