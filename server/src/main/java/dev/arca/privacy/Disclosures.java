package dev.arca.privacy;

import dev.arca.platform.ApiProblem;
import dev.arca.platform.ArcaPrincipal;
import dev.arca.platform.Secrets;
import dev.arca.protocol.api.DisclosureDecision;
import dev.arca.protocol.api.DisclosureEntry;
import dev.arca.protocol.api.DisclosureRequest;
import dev.arca.protocol.api.TransparencyReport;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.ObjectMapper;

/**
 * The disclosure register (I.4c): requests of authorities, each decided case by case and recorded
 * with the authority, kind, legal basis, reference, scope, accounts concerned, decision and why,
 * and whether and when the person was told. Data is handed out only through {@link #export}, for a
 * request decided to be disclosed, limited to its scope, and the export is recorded. A person sees
 * a request about them once it is decided and any gag has ended; until then nothing about it is
 * shown, exported or erased. The public transparency report is counted from here. See
 * docs/disclosures.md.
 */
@Service
public class Disclosures {

    public enum Kind {
        CRIMINAL_INVESTIGATION, CIVIL_PROCEEDINGS, ADMINISTRATIVE, NATIONAL_SECURITY, EMERGENCY, OTHER
    }

    public enum Decision {
        PENDING, DISCLOSED, PARTLY_DISCLOSED, REFUSED;

        boolean handsOut() {
            return this == DISCLOSED || this == PARTLY_DISCLOSED;
        }
    }

    private final JdbcClient jdbc;
    private final DataMap dataMap;
    private final SubjectExport export;
    private final Operators operators;
    private final org.springframework.beans.factory.ObjectProvider<SubjectDirectory> directory;
    private final TransactionTemplate transaction;
    private final ObjectMapper json;
    private final Clock clock;

    Disclosures(JdbcClient jdbc, DataMap dataMap, SubjectExport export, Operators operators,
            org.springframework.beans.factory.ObjectProvider<SubjectDirectory> directory,
            TransactionTemplate transaction, ObjectMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.dataMap = dataMap;
        this.export = export;
        this.operators = operators;
        this.directory = directory;
        this.transaction = transaction;
        this.json = json;
        this.clock = clock;
    }

    /** Records a request, with its decision if already made. */
    public DisclosureEntry record(ArcaPrincipal officer, DisclosureRequest r) {
        String authority = Fields.text(r.authority(), "authority", 300);
        Kind kind = Fields.choice(Kind.class, r.kind(), "kind");
        String basis = Fields.text(r.legalBasis(), "legalBasis", 500);
        String reference = Fields.text(r.reference(), "reference", 200);
        List<String> scope = scope(r.scope());
        if (r.receivedOn() == null) {
            throw ApiProblem.badRequest("receivedOn is required: the day the request arrived");
        }
        if (r.periodFrom() != null && r.periodTo() != null && r.periodTo().isBefore(r.periodFrom())) {
            throw ApiProblem.badRequest("periodTo is before periodFrom");
        }
        Set<String> accounts = accounts(r.accounts());
        Decision decision = r.decision() == null ? Decision.PENDING : Fields.choice(Decision.class, r.decision(), "decision");
        String why = decisionReason(decision, r.decisionReason());
        String id = Secrets.newId();
        transaction.executeWithoutResult(status -> {
            jdbc.sql("INSERT INTO disclosures (id, authority, kind, legal_basis, reference, scope, period_from, "
                            + "period_to, received_on, decision, decision_reason, decided_on, gag_until, told_on, "
                            + "recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(id, authority, kind.name(), basis, reference, String.join("\n", scope),
                            date(r.periodFrom()), date(r.periodTo()), r.receivedOn().toString(), decision.name(), why,
                            decision == Decision.PENDING ? null : today().toString(), date(r.gagUntil()),
                            date(r.toldOn()), operators.pseudonym(officer.accountId()), clock.millis())
                    .update();
            for (String account : accounts) {
                jdbc.sql("INSERT INTO disclosure_subjects (disclosure_id, account_id) VALUES (?, ?)")
                        .params(id, account).update();
            }
        });
        release();
        return find(id);
    }

    /** Decides a request, or changes its gag or when the person was told. */
    public DisclosureEntry decide(String id, DisclosureDecision d) {
        DisclosureEntry before = find(id);
        Decision decision = Fields.choice(Decision.class, d.decision(), "decision");
        String why = decisionReason(decision, d.decisionReason());
        String decidedOn = decision == Decision.PENDING ? null
                : decision.name().equals(before.decision()) && before.decidedOn() != null ? before.decidedOn().toString()
                : today().toString();
        jdbc.sql("UPDATE disclosures SET decision = ?, decision_reason = ?, decided_on = ?, gag_until = ?, told_on = ? "
                        + "WHERE id = ?")
                .params(decision.name(), why, decidedOn, date(d.gagUntil()), date(d.toldOn()), id).update();
        release();
        return find(id);
    }

    /**
     * Makes the rows of decided requests whose gag has ended the persons' own. Runs when a
     * request is recorded or decided and every hour, so a gag ends within the hour of its day
     * without anyone acting, and reading the privacy center writes nothing.
     */
    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT1M")
    public void release() {
        jdbc.sql("UPDATE disclosure_subjects SET released_at = ? WHERE released_at IS NULL AND disclosure_id IN "
                        + "(SELECT id FROM disclosures WHERE decision <> ? AND (gag_until IS NULL OR gag_until <= ?))")
                .params(clock.millis(), Decision.PENDING.name(), today().toString()).update();
    }

    public List<DisclosureEntry> all() {
        return jdbc.sql(SELECT + "ORDER BY d.received_on DESC, d.recorded_at DESC").query(this::map).list();
    }

    public DisclosureEntry find(String id) {
        return jdbc.sql(SELECT + "WHERE d.id = ?").param(id).query(this::map).optional()
                .orElseThrow(() -> ApiProblem.notFound("Disclosure"));
    }

    /** The requests about a person that they may see: decided, and any gag ended. */
    public List<DisclosureEntry> visibleTo(String accountId) {
        DataTable.Selection mine = dataMap.rowsOf(dataMap.table("disclosure_subjects").orElseThrow(), accountId);
        return jdbc.sql(SELECT + "WHERE d.id IN (SELECT disclosure_id FROM disclosure_subjects WHERE " + mine.where()
                        + ") ORDER BY d.received_on DESC")
                .params(mine.params()).query(this::map).list();
    }

    /**
     * The data handed to the authority, produced here and nowhere else: for a request decided to
     * be disclosed, the rows of the tables in its scope of each account concerned (personal
     * columns only, as in a person's own export), with the request itself. The export is recorded.
     */
    public void export(ArcaPrincipal officer, String id, OutputStream out) throws IOException {
        DisclosureEntry entry = find(id);
        if (!Decision.valueOf(entry.decision()).handsOut()) {
            throw ApiProblem.conflict("Only a request decided as DISCLOSED or PARTLY_DISCLOSED can be exported; "
                    + "this one is " + entry.decision());
        }
        List<String> accounts = jdbc.sql("SELECT account_id FROM disclosure_subjects WHERE disclosure_id = ? "
                + "ORDER BY account_id").param(id).query(String.class).list();
        jdbc.sql("UPDATE disclosures SET exported_at = ?, exported_by = ? WHERE id = ?")
                .params(clock.millis(), operators.pseudonym(officer.accountId()), id).update();
        ZipOutputStream zip = new ZipOutputStream(out);
        entry(zip, "request.json", json.writeValueAsBytes(find(id)));
        for (String account : accounts) {
            for (String table : entry.scope()) {
                DataTable t = dataMap.table(table).orElseThrow();
                entry(zip, "accounts/" + account + "/" + table + ".json", json.writeValueAsBytes(export.rows(t, account)));
            }
        }
        entry(zip, "README.txt", ("Data handed out for request " + entry.reference() + " of " + entry.authority()
                + " (" + entry.legalBasis() + "), decided " + entry.decision() + ". Scope: "
                + String.join(", ", entry.scope()) + ". One folder per account concerned, one file per table.\n")
                .getBytes(StandardCharsets.UTF_8));
        zip.finish();
    }

    /** Requests per half-year of receipt, newest first, counted from the register. */
    public TransparencyReport report() {
        record Row(String receivedOn, String kind, String decision, String id) {}
        List<Row> rows = jdbc.sql("SELECT received_on, kind, decision, id FROM disclosures")
                .query((rs, n) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4))).list();
        Map<String, List<String>> accountsOf = new HashMap<>();
        jdbc.sql("SELECT disclosure_id, account_id FROM disclosure_subjects").query(rs -> {
            accountsOf.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
        });
        Map<String, List<Row>> byPeriod = new TreeMap<>(java.util.Comparator.reverseOrder());
        for (Row row : rows) {
            LocalDate received = LocalDate.parse(row.receivedOn());
            byPeriod.computeIfAbsent(received.getYear() + (received.getMonthValue() <= 6 ? "-H1" : "-H2"),
                    k -> new ArrayList<>()).add(row);
        }
        List<TransparencyReport.Period> periods = new ArrayList<>();
        byPeriod.forEach((period, requests) -> {
            Map<String, Integer> byKind = new TreeMap<>();
            Arrays.stream(Kind.values()).forEach(k -> byKind.put(k.name(), 0));
            Set<String> accounts = new HashSet<>();
            int[] decisions = new int[Decision.values().length];
            for (Row r : requests) {
                byKind.merge(r.kind(), 1, Integer::sum);
                accounts.addAll(accountsOf.getOrDefault(r.id(), List.of()));
                decisions[Decision.valueOf(r.decision()).ordinal()]++;
            }
            periods.add(new TransparencyReport.Period(period, requests.size(), byKind, accounts.size(),
                    decisions[Decision.DISCLOSED.ordinal()], decisions[Decision.PARTLY_DISCLOSED.ordinal()],
                    decisions[Decision.REFUSED.ordinal()], decisions[Decision.PENDING.ordinal()]));
        });
        return new TransparencyReport(periods);
    }

    private static final String SELECT = "SELECT d.id, d.authority, d.kind, d.legal_basis, d.reference, d.scope, "
            + "d.period_from, d.period_to, d.received_on, d.decision, d.decision_reason, d.decided_on, d.gag_until, "
            + "d.told_on, d.exported_at, (SELECT COUNT(*) FROM disclosure_subjects s WHERE s.disclosure_id = d.id) "
            + "FROM disclosures d ";

    private DisclosureEntry map(ResultSet rs, int n) throws SQLException {
        long exported = rs.getLong(15);
        Instant exportedAt = rs.wasNull() ? null : Instant.ofEpochMilli(exported);
        return new DisclosureEntry(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                List.of(rs.getString(6).split("\n")), day(rs.getString(7)), day(rs.getString(8)), day(rs.getString(9)),
                rs.getString(10), rs.getString(11), day(rs.getString(12)), day(rs.getString(13)), day(rs.getString(14)),
                rs.getInt(16), exportedAt);
    }

    private List<String> scope(List<String> tables) {
        if (tables == null || tables.isEmpty()) {
            throw ApiProblem.badRequest("scope must name at least one table of the data map, such as accounts");
        }
        Set<String> known = new java.util.TreeSet<>(dataMap.subjectTables().stream().map(DataTable::table).toList());
        Set<String> scope = new LinkedHashSet<>();
        for (String table : tables) {
            String t = table == null ? "" : table.strip().toLowerCase(Locale.ROOT);
            if (!known.contains(t)) {
                throw ApiProblem.badRequest("scope: \"" + t + "\" is not a table holding people's data; use some of "
                        + known);
            }
            scope.add(t);
        }
        return List.copyOf(scope);
    }

    private Set<String> accounts(List<String> given) {
        if (given == null || given.isEmpty()) {
            throw ApiProblem.badRequest("accounts must name at least one account, by id or e-mail address");
        }
        SubjectDirectory accounts = directory.getObject();
        Set<String> ids = new LinkedHashSet<>();
        for (String account : given) {
            String a = account == null ? "" : account.strip();
            String id = a.contains("@") ? accounts.accountWithAddress(a).orElse(null) : accounts.exists(a) ? a : null;
            if (id == null) {
                // Not repeated: it may be an address.
                throw ApiProblem.badRequest("accounts: entry " + (given.indexOf(account) + 1) + " is no account here");
            }
            ids.add(id);
        }
        return ids;
    }

    private static String decisionReason(Decision decision, String reason) {
        if (decision == Decision.PENDING) {
            return reason == null || reason.isBlank() ? "" : Fields.text(reason, "decisionReason", 2000);
        }
        return Fields.text(reason, "decisionReason", 2000);
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(ZoneOffset.UTC));
    }

    private static String date(LocalDate day) {
        return day == null ? null : day.toString();
    }

    private static LocalDate day(String text) {
        return text == null ? null : LocalDate.parse(text);
    }

    private static void entry(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(bytes);
        zip.closeEntry();
    }
}
