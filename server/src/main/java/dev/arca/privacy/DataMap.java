package dev.arca.privacy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Every persisted column and its classification, gathered from all capabilities. Immutable.
 * Refuses to start when a table holds a personal column but says neither how a subject's rows are
 * found nor why they belong to no one: such rows would be missing from every export and erasure.
 */
@Component
public class DataMap {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*");

    private final List<DataTable> tables;
    private final List<DataTable> subjectTables;
    private final Function<String, String> pseudonym;

    @org.springframework.beans.factory.annotation.Autowired
    DataMap(List<DataMapContribution> contributions, Pseudonyms pseudonyms) {
        this(contributions, pseudonyms::subject);
    }

    /** A map of tables none of which is pseudonymous (for checks of the map itself). */
    DataMap(List<DataMapContribution> contributions) {
        this(contributions, id -> {
            throw new IllegalStateException("no pseudonyms here");
        });
    }

    private DataMap(List<DataMapContribution> contributions, Function<String, String> pseudonym) {
        this.pseudonym = pseudonym;
        this.tables = contributions.stream().flatMap(c -> c.tables().stream())
                .sorted(Comparator.comparing(DataTable::table)).toList();
        for (DataTable table : tables) {
            // Names are spliced into SQL by export and erasure; only plain identifiers may pass.
            requireIdentifier(table.table());
            table.columns().forEach(c -> requireIdentifier(c.name()));
            if (table.personal() && !table.holdsSubjects() && table.ownerless() == null) {
                throw new IllegalStateException(table.table() + " has personal columns "
                        + table.columns().stream().filter(DataTable.Column::personal).map(DataTable.Column::name).toList()
                        + " but does not say whose rows they are, so export and erasure would miss them. Declare it "
                        + "with DataTable.ofSubject(table, \"account_id\", ...) when a column holds the subject's id; "
                        + "with DataTable.foundBy(table, finder, ...) or .alsoFoundBy(finder) when rows are found "
                        + "otherwise, the finder a condition with one ? for the subject's account id, such as "
                        + "\"to_address = (SELECT email FROM accounts WHERE id = ?)\" or "
                        + "\"album_id IN (SELECT id FROM albums WHERE account_id = ?)\"; or with "
                        + "DataTable.ownedByNoOne(table, why, ...) when nothing in them leads to a person");
            }
        }
        this.subjectTables = erasureOrder(tables.stream().filter(DataTable::holdsSubjects).toList());
    }

    /** The subject's rows of a table: by their id, or by their pseudonym where the table holds that. */
    public DataTable.Selection rowsOf(DataTable table, String subjectId) {
        return table.rowsOf(table.pseudonymous() ? pseudonym.apply(subjectId) : subjectId);
    }

    public List<DataTable> tables() {
        return tables;
    }

    public Optional<DataTable> table(String name) {
        return tables.stream().filter(t -> t.table().equals(name)).findFirst();
    }

    /**
     * Tables holding a subject's rows, in an order safe for deletion: a table before every table
     * its finders read (mail addressed to the subject before the account that says the address),
     * and the subject's own row last.
     */
    public List<DataTable> subjectTables() {
        return subjectTables;
    }

    /** Depth-first: each table after everything that reads it; a cycle cannot be erased in any order. */
    private static List<DataTable> erasureOrder(List<DataTable> holding) {
        List<DataTable> readersFirst = new ArrayList<>();
        Set<String> placed = new LinkedHashSet<>();
        Set<String> visiting = new LinkedHashSet<>();
        List<DataTable> roots = holding.stream().sorted(Comparator.comparing(DataTable::subjectRoot)).toList();
        for (DataTable table : roots) {
            placeAfterReaders(table, holding, placed, visiting, readersFirst);
        }
        List<DataTable> ordered = new ArrayList<>(readersFirst.stream().filter(t -> !t.subjectRoot()).toList());
        ordered.addAll(readersFirst.stream().filter(DataTable::subjectRoot).toList());
        return List.copyOf(ordered);
    }

    private static void placeAfterReaders(DataTable table, List<DataTable> holding, Set<String> placed,
            Set<String> visiting, List<DataTable> out) {
        if (placed.contains(table.table())) {
            return;
        }
        if (!visiting.add(table.table())) {
            throw new IllegalStateException("Finders read each other in a cycle, so no erasure order exists: " + visiting);
        }
        for (DataTable reader : holding) {
            if (reader.reads().contains(table.table())) {
                placeAfterReaders(reader, holding, placed, visiting, out);
            }
        }
        visiting.remove(table.table());
        placed.add(table.table());
        out.add(table);
    }

    private static void requireIdentifier(String name) {
        if (!IDENTIFIER.matcher(name).matches()) {
            throw new IllegalStateException("Not a plain SQL identifier: " + name);
        }
    }
}
