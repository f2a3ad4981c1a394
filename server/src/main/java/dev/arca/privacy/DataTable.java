package dev.arca.privacy;

import java.util.List;
import java.util.Objects;

/**
 * The data map entry of one table: whose data it holds and how each column is classified.
 *
 * @param subjectColumn the column holding the subject's id; null when rows belong to no one
 * @param subjectRoot the table whose row is the subject itself (erased last)
 */
public record DataTable(String table, String subjectColumn, boolean subjectRoot, List<Column> columns) {

    public DataTable {
        Objects.requireNonNull(table);
        columns = List.copyOf(columns);
        if (subjectColumn != null && columns.stream().noneMatch(c -> c.name().equals(subjectColumn))) {
            throw new IllegalArgumentException(table + ": subject column " + subjectColumn + " is not classified");
        }
    }

    /** Rows of a subject, erased with them; {@code root} is the subject's own row. */
    public static DataTable ofSubject(String table, String subjectColumn, Column... columns) {
        return new DataTable(table, subjectColumn, false, List.of(columns));
    }

    /** Rows of a subject whose every column is personal, of one category, purpose and retention. */
    public static DataTable personalOfSubject(String table, String subjectColumn, String category, Purpose purpose,
            String retention, String... columns) {
        return ofSubject(table, subjectColumn, java.util.Arrays.stream(columns)
                .map(c -> Column.personal(c, category, purpose, retention)).toArray(Column[]::new));
    }

    public static DataTable subjectRoot(String table, String idColumn, Column... columns) {
        return new DataTable(table, idColumn, true, List.of(columns));
    }

    /** A table with no personal data at all. */
    public static DataTable notPersonal(String table, String... columns) {
        return new DataTable(table, null, false,
                java.util.Arrays.stream(columns).map(Column::notPersonal).toList());
    }

    /**
     * One classified column.
     *
     * @param category what kind of data, in words a person understands ("contact", "credential")
     * @param purpose why it is held; null for columns that are not personal
     * @param retention how long it is kept
     * @param recipients who receives it besides the operator of this server
     */
    public record Column(String name, Classification classification, String category, Purpose purpose,
            String retention, String recipients) {

        public static Column personal(String name, String category, Purpose purpose, String retention) {
            return new Column(name, Classification.PERSONAL, category, purpose, retention, "no one");
        }

        public static Column secret(String name, String category, Purpose purpose, String retention) {
            return new Column(name, Classification.SECRET, category, purpose, retention, "no one");
        }

        public static Column notPersonal(String name) {
            return new Column(name, Classification.NOT_PERSONAL, "not personal", null, "-", "-");
        }

        public boolean personal() {
            return classification != Classification.NOT_PERSONAL;
        }
    }
}
