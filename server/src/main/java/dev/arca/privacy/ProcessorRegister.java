package dev.arca.privacy;

import dev.arca.platform.ApiProblem;
import dev.arca.platform.Secrets;
import dev.arca.protocol.api.ProcessorRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The processor register (I.4b, II.3): who receives personal data on the server's behalf, under
 * which contract, in which country and on which basis, for which purposes and data categories.
 * {@link EgressGate} lets data go only to an active entry registered for the purpose; the data
 * map's recipients, the public policy and the records of processing are read from here.
 * Entries are never deleted, so past transfers keep naming their processor: a contract that ends
 * is {@link Processor.Status#ENDED}. See docs/processors.md.
 */
@Service
public class ProcessorRegister {

    /** Encrypted file content in a bucket: not a column of the data map, but what S3 holds. */
    public static final String FILE_CONTENT = "file content";

    private static final Pattern DESTINATION = Pattern.compile("[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?(:[0-9]{1,5})?");
    /** How long a node trusts its copy of the register: a suspension elsewhere applies within this. */
    private static final long FRESH_MILLIS = 30_000;

    private final JdbcClient jdbc;
    private final DataMap dataMap;
    private final Clock clock;
    /** Null until first read. */
    private volatile Cached cached;

    private record Cached(List<Processor> processors, long loadedAt) {}

    ProcessorRegister(JdbcClient jdbc, DataMap dataMap, Clock clock) {
        this.jdbc = jdbc;
        this.dataMap = dataMap;
        this.clock = clock;
    }

    /** Every entry, active or not, by name. */
    public List<Processor> all() {
        Cached now = cached;
        if (now == null || clock.millis() - now.loadedAt() > FRESH_MILLIS || clock.millis() < now.loadedAt()) {
            now = new Cached(load(), clock.millis());
            cached = now;
        }
        return now.processors();
    }

    public Optional<Processor> find(String id) {
        return all().stream().filter(p -> p.id().equals(id)).findFirst();
    }

    /** The entry for a destination of a service, whatever its status. */
    public Optional<Processor> at(Processor.Service service, String destination) {
        return all().stream().filter(p -> p.service() == service && p.destination().equals(destination)).findFirst();
    }

    /** Active processors that receive data of this category for this purpose: the data map's recipients. */
    public List<Processor> recipients(String category, Purpose purpose) {
        return all().stream().filter(p -> p.receives(purpose) && p.categories().contains(category)).toList();
    }

    /**
     * The data map's recipients from the register: for each field of {@code snapshot}
     * ({@code table.column}), the names of the active processors that receive its category for its
     * purpose; fields no processor receives are left out.
     */
    public java.util.Map<String, String> processorsOf(PolicySnapshot snapshot) {
        java.util.Map<String, String> names = new java.util.HashMap<>();
        List<Processor> active = active();
        for (PolicySnapshot.FieldEntry f : snapshot.fields()) {
            List<String> receiving = active.stream().filter(p -> p.purposes().stream()
                    .anyMatch(purpose -> purpose.name().equals(f.purpose())) && p.categories().contains(f.category()))
                    .map(Processor::name).toList();
            if (!receiving.isEmpty()) {
                names.put(f.table() + "." + f.column(), String.join(", ", receiving));
            }
        }
        return names;
    }

    public List<Processor> active() {
        return all().stream().filter(p -> p.status() == Processor.Status.ACTIVE).toList();
    }

    /** Adds an entry; a destination of a service is registered once. */
    public Processor register(ProcessorRequest request) {
        Processor p = validate(Secrets.newId(), request, clock.instant(), clock.instant());
        if (at(p.service(), p.destination()).isPresent() || exists(p.service(), p.destination())) {
            throw ApiProblem.conflict(p.service() + " " + p.destination() + " is registered already; change that entry");
        }
        jdbc.sql("INSERT INTO processors (id, name, service, destination, contract_reference, contract_date, country, "
                        + "adequacy, purposes, categories, status, registered_at, updated_at) "
                        + "VALUES (:id, :name, :service, :destination, :ref, :date, :country, :adequacy, :purposes, "
                        + ":categories, :status, :at, :at)")
                .params(params(p)).param("at", p.registeredAt().toEpochMilli())
                .update();
        cached = new Cached(load(), clock.millis());
        return p;
    }

    /** Replaces what the register says of an entry (its service and destination stay). */
    public Processor update(String id, ProcessorRequest request) {
        Processor old = load().stream().filter(p -> p.id().equals(id)).findFirst()
                .orElseThrow(() -> ApiProblem.notFound("Processor"));
        Processor p = validate(id, request, old.registeredAt(), clock.instant());
        if (p.service() != old.service() || !p.destination().equals(old.destination())) {
            throw ApiProblem.badRequest("service and destination name the processor and cannot change; register "
                    + "the new destination as an entry of its own and end this one");
        }
        jdbc.sql("UPDATE processors SET name = :name, contract_reference = :ref, contract_date = :date, "
                        + "country = :country, adequacy = :adequacy, purposes = :purposes, categories = :categories, "
                        + "status = :status, updated_at = :at WHERE id = :id")
                .params(params(p)).param("at", p.updatedAt().toEpochMilli())
                .update();
        cached = new Cached(load(), clock.millis());
        return p;
    }

    /**
     * Registers what the configuration lists ({@code arca.processors[n].*}) and is not in the
     * register yet, so that a relay can be registered before the first start that uses it. An
     * entry already registered is left as the register has it: changes go through the register.
     */
    void adopt(List<ProcessorRequest> configured) {
        for (int i = 0; i < configured.size(); i++) {
            ProcessorRequest request = configured.get(i);
            try {
                Processor p = validate("-", request, clock.instant(), clock.instant());
                if (!exists(p.service(), p.destination())) {
                    register(request);
                }
            } catch (ApiProblem e) {
                throw new IllegalStateException("arca.processors[" + i + "]: " + e.getBody().getDetail(), e);
            }
        }
    }

    private boolean exists(Processor.Service service, String destination) {
        return jdbc.sql("SELECT COUNT(*) FROM processors WHERE service = ? AND destination = ?")
                .params(service.name(), destination).query(Integer.class).single() > 0;
    }

    private List<Processor> load() {
        return jdbc.sql("SELECT id, name, service, destination, contract_reference, contract_date, country, adequacy, "
                        + "purposes, categories, status, registered_at, updated_at FROM processors ORDER BY name, id")
                .query((rs, n) -> new Processor(rs.getString(1), rs.getString(2),
                        Processor.Service.valueOf(rs.getString(3)), rs.getString(4), rs.getString(5),
                        java.time.LocalDate.parse(rs.getString(6)), rs.getString(7),
                        Processor.Adequacy.valueOf(rs.getString(8)),
                        split(rs.getString(9)).stream().map(Purpose::valueOf).collect(Collectors.toSet()),
                        split(rs.getString(10)), Processor.Status.valueOf(rs.getString(11)),
                        Instant.ofEpochMilli(rs.getLong(12)), Instant.ofEpochMilli(rs.getLong(13))))
                .list();
    }

    private static Set<String> split(String joined) {
        return joined.isEmpty() ? Set.of() : new LinkedHashSet<>(List.of(joined.split("\n")));
    }

    private static java.util.Map<String, Object> params(Processor p) {
        return java.util.Map.ofEntries(java.util.Map.entry("id", p.id()), java.util.Map.entry("name", p.name()),
                java.util.Map.entry("service", p.service().name()), java.util.Map.entry("destination", p.destination()),
                java.util.Map.entry("ref", p.contractReference()),
                java.util.Map.entry("date", p.contractDate().toString()), java.util.Map.entry("country", p.country()),
                java.util.Map.entry("adequacy", p.adequacy().name()),
                java.util.Map.entry("purposes", p.purposes().stream().map(Purpose::name).sorted()
                        .collect(Collectors.joining("\n"))),
                java.util.Map.entry("categories", String.join("\n", new TreeSet<>(p.categories()))),
                java.util.Map.entry("status", p.status().name()));
    }

    /** The request as an entry, or a 400 naming the first field that is wrong. */
    private Processor validate(String id, ProcessorRequest r, Instant registeredAt, Instant updatedAt) {
        String name = Fields.text(r.name(), "name", 200);
        Processor.Service service = Fields.choice(Processor.Service.class, r.service(), "service");
        String destination = Fields.text(r.destination(), "destination", 260).toLowerCase(Locale.ROOT);
        if (!DESTINATION.matcher(destination).matches()) {
            throw ApiProblem.badRequest("destination must be the host name and port Arca connects to, such as "
                    + "smtp.example.net:587");
        }
        String reference = Fields.text(r.contractReference(), "contractReference", 200);
        if (r.contractDate() == null) {
            throw ApiProblem.badRequest("contractDate is required: the date the processing agreement was signed");
        }
        String country = Fields.text(r.country(), "country", 2).toUpperCase(Locale.ROOT);
        if (!Set.of(Locale.getISOCountries()).contains(country)) {
            throw ApiProblem.badRequest("country must be an ISO 3166-1 alpha-2 code, such as DE");
        }
        Processor.Adequacy adequacy = Fields.choice(Processor.Adequacy.class, r.adequacy(), "adequacy");
        if (r.purposes() == null || r.purposes().isEmpty()) {
            throw ApiProblem.badRequest("purposes must name at least one purpose, such as ACCOUNT");
        }
        Set<Purpose> purposes = r.purposes().stream().map(p -> Fields.choice(Purpose.class, p, "purposes"))
                .collect(Collectors.toSet());
        if (r.categories() == null || r.categories().isEmpty()) {
            throw ApiProblem.badRequest("categories must name at least one data category, such as contact");
        }
        Set<String> known = categories();
        Set<String> categories = new TreeSet<>();
        for (String category : r.categories()) {
            String c = category == null ? "" : category.strip().toLowerCase(Locale.ROOT);
            if (!known.contains(c)) {
                throw ApiProblem.badRequest("categories: \"" + c + "\" is not a category of the data map; use one of "
                        + known);
            }
            categories.add(c);
        }
        Processor.Status status = r.status() == null ? Processor.Status.ACTIVE
                : Fields.choice(Processor.Status.class, r.status(), "status");
        return new Processor(id, name, service, destination, reference, r.contractDate(), country, adequacy, purposes,
                categories, status, registeredAt, updatedAt);
    }

    /** The data map's categories of personal data, and {@link #FILE_CONTENT}. */
    public Set<String> categories() {
        Set<String> categories = new TreeSet<>(dataMap.tables().stream().flatMap(t -> t.columns().stream())
                .filter(DataTable.Column::personal).map(DataTable.Column::category).toList());
        categories.add(FILE_CONTENT);
        return categories;
    }

}
