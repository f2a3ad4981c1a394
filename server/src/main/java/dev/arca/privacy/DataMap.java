package dev.arca.privacy;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/** Every persisted column and its classification, gathered from all capabilities. Immutable. */
@Component
public class DataMap {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*");

    private final List<DataTable> tables;

    DataMap(List<DataMapContribution> contributions) {
        this.tables = contributions.stream().flatMap(c -> c.tables().stream())
                .sorted(Comparator.comparing(DataTable::table)).toList();
        for (DataTable table : tables) {
            // Names are spliced into SQL by export and erasure; only plain identifiers may pass.
            requireIdentifier(table.table());
            table.columns().forEach(c -> requireIdentifier(c.name()));
        }
    }

    public List<DataTable> tables() {
        return tables;
    }

    public Optional<DataTable> table(String name) {
        return tables.stream().filter(t -> t.table().equals(name)).findFirst();
    }

    /** Tables holding a subject's rows, in an order safe for deletion: the subject's own row last. */
    public List<DataTable> subjectTables() {
        return tables.stream().filter(t -> t.subjectColumn() != null)
                .sorted(Comparator.comparing(DataTable::subjectRoot)).toList();
    }

    private static void requireIdentifier(String name) {
        if (!IDENTIFIER.matcher(name).matches()) {
            throw new IllegalStateException("Not a plain SQL identifier: " + name);
        }
    }
}
