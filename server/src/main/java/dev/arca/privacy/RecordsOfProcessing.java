package dev.arca.privacy;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * The records of processing activities (GDPR Art. 30), generated from the code's purposes, the
 * data map and the processor register, so that they cannot drift from what the server does: one
 * activity per purpose with its legal basis, the people concerned, the kinds of data and where they
 * are kept, how long, who receives them and any transfer abroad with its basis.
 */
@Service
public class RecordsOfProcessing {

    /** One processing activity: a purpose and everything Art. 30(1) asks of it. */
    public record Activity(Purpose purpose, String subjects, List<String> categories, List<String> tables,
            List<String> retention, List<String> recipients, List<String> transfers) {}

    /** The whole record; {@code contact} is empty when not configured. */
    public record Records(String controller, String contact, List<Activity> activities, List<Processor> processors,
            List<String> security) {}

    /** The technical and organisational measures the code itself takes (Art. 32), in one place. */
    static final List<String> SECURITY = List.of(
            "Transport encrypted with TLS; HSTS, content security policy and other security headers on every answer.",
            "Passwords hashed with Argon2id; bearer tokens stored as SHA-256 hashes; sign-in attempts limited.",
            "Content encrypted per account with AES-256-GCM under keys kept outside the database; erasure deletes the key.",
            "Every stored object checksummed, kept in several copies, verified and repaired on a schedule.",
            "Operators hold roles with least privilege; every read or change of a person's data by one is in a chained access log.",
            "Consents in a chained, anchored ledger; logs name no person; network addresses truncated.",
            "Personal data leaves only through the egress gate, to registered processors, and each transfer is recorded.");

    private final DataMap dataMap;
    private final ProcessorRegister register;
    private final String controller;
    private final String contact;

    RecordsOfProcessing(DataMap dataMap, ProcessorRegister register,
            @Value("${arca.privacy.controller:The operator of this Arca server}") String controller,
            @Value("${arca.privacy.contact:}") String contact) {
        this.dataMap = dataMap;
        this.register = register;
        this.controller = controller;
        this.contact = contact;
    }

    public Records records() {
        List<Activity> activities = new ArrayList<>();
        for (Purpose purpose : Purpose.values()) {
            Set<String> categories = new TreeSet<>();
            Set<String> tables = new TreeSet<>();
            Set<String> retention = new LinkedHashSet<>();
            for (DataTable table : dataMap.tables()) {
                for (DataTable.Column column : table.columns()) {
                    if (column.personal() && column.purpose() == purpose) {
                        categories.add(column.category());
                        tables.add(table.table());
                        retention.add(column.retention());
                    }
                }
            }
            List<Processor> receiving = register.active().stream().filter(p -> p.purposes().contains(purpose)).toList();
            activities.add(new Activity(purpose, subjects(purpose), List.copyOf(categories), List.copyOf(tables),
                    List.copyOf(retention), receiving.stream().map(p -> p.name() + " (" + p.service() + ")").toList(),
                    receiving.stream().filter(p -> p.adequacy() != Processor.Adequacy.EEA)
                            .map(p -> p.name() + ": " + p.country() + ", " + p.adequacy()).toList()));
        }
        return new Records(controller, contact, activities, register.all(), SECURITY);
    }

    /** Whose data each purpose concerns. */
    static String subjects(Purpose purpose) {
        return switch (purpose) {
            case ACCOUNT, CONTENT_STORAGE, DEVICE_SYNC, PRODUCT_IMPROVEMENT, NEWSLETTER -> "people with an account";
            case SHARING_DELIVERY -> "people with an account, and the people they share with";
            case SECURITY -> "everyone who uses the server, and its operators";
            case LEGAL_OBLIGATION -> "people with an account whom an authority's request concerns";
            case PREFERENCE_COOKIES, ANALYTICS_COOKIES -> "visitors of the web app";
        };
    }

    /** The record as a Markdown document, for download and for the supervisory authority. */
    public String markdown() {
        Records r = records();
        StringBuilder md = new StringBuilder("# Records of processing activities\n\n");
        md.append("Controller: ").append(r.controller()).append("\n\nContact: ")
                .append(r.contact().isBlank() ? "not configured (set ARCA_PRIVACY_CONTACT)" : r.contact()).append("\n\n");
        for (Activity a : r.activities()) {
            md.append("## ").append(a.purpose().title()).append("\n\n")
                    .append("- Purpose: ").append(a.purpose().name()).append(" (clause ").append(a.purpose().clause())
                    .append(")\n- Legal basis: ").append(a.purpose().basis()).append("\n- People concerned: ")
                    .append(a.subjects()).append("\n- Kinds of data: ").append(join(a.categories()))
                    .append("\n- Kept in: ").append(join(a.tables())).append("\n- Kept for: ").append(join(a.retention()))
                    .append("\n- Recipients: ").append(a.recipients().isEmpty() ? "none besides the operator" : join(a.recipients()))
                    .append("\n- Transfers outside the EEA: ").append(a.transfers().isEmpty() ? "none" : join(a.transfers()))
                    .append("\n\n");
        }
        md.append("## Processors\n\n");
        if (r.processors().isEmpty()) {
            md.append("None.\n\n");
        }
        for (Processor p : r.processors()) {
            md.append("- ").append(p.name()).append(": ").append(p.service()).append(' ').append(p.destination())
                    .append(", contract ").append(p.contractReference()).append(" of ").append(p.contractDate())
                    .append(", ").append(p.country()).append(" (").append(p.adequacy()).append("), purposes ")
                    .append(join(p.purposeList().stream().map(Purpose::name).toList())).append(", data ")
                    .append(join(List.copyOf(new TreeSet<>(p.categories())))).append(", ").append(p.status())
                    .append('\n');
        }
        md.append("\n## Security measures\n\n");
        r.security().forEach(s -> md.append("- ").append(s).append('\n'));
        return md.toString();
    }

    private static String join(List<String> values) {
        return values.isEmpty() ? "-" : String.join("; ", values);
    }
}
