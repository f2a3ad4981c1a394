package dev.arca.privacy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The data map entry of one table: whose data it holds, how a subject's rows are found, and how
 * each column is classified. Export and erasure find a subject's rows the same way, from
 * {@link #rowsOf}, so they cannot disagree about what is the subject's.
 *
 * @param subjectColumn the column holding the subject's id; null when the table has none
 * @param subjectRoot the table whose row is the subject itself (erased last)
 * @param finders further SQL conditions on this table, each with exactly one {@code ?} for the
 *     subject's account id, that find rows tied to the subject otherwise: addressed to their
 *     e-mail address, or reached through another table. Constant text written in a data map,
 *     never built from input: {@link #FINDER} admits no literal, comment or second statement.
 * @param ownerless why the rows belong to no one although a column is personal (a pseudonymous
 *     hash, a truncated network address); null for every other table
 * @param pseudonymous the subject column holds the subject's keyed pseudonym (the privacy key's,
 *     outside the database), not their id: export and erasure look rows up by the pseudonym
 * @param heldUntil null, or a constant condition (as a finder, without {@code ?}) a row must meet to
 *     be the subject's yet: rows that do not are not shown, exported or erased, such as the record
 *     of an authority's request the law forbids telling the person about for now
 */
public record DataTable(String table, String subjectColumn, boolean subjectRoot, List<String> finders,
        String ownerless, List<Column> columns, boolean pseudonymous, String heldUntil) {

    /**
     * What a finder may contain: identifiers, keywords, parentheses, commas, dots, comparisons and
     * the one placeholder. No quote (so no literal), no semicolon, no comment: the subject's id
     * reaches the database only as the bound parameter.
     */
    static final Pattern FINDER = Pattern.compile("[A-Za-z0-9_ (),.=<>?]+");

    /** Tables a finder reads besides its own; they are erased after it. */
    private static final Pattern READS = Pattern.compile("(?i)\\b(?:FROM|JOIN)\\s+([a-z_][a-z0-9_]*)");

    public DataTable {
        Objects.requireNonNull(table);
        finders = List.copyOf(finders);
        columns = List.copyOf(columns);
        if (subjectColumn != null && columns.stream().noneMatch(c -> c.name().equals(subjectColumn))) {
            throw new IllegalArgumentException(table + ": subject column " + subjectColumn + " is not classified");
        }
        for (String finder : finders) {
            if (!FINDER.matcher(finder).matches() || finder.chars().filter(c -> c == '?').count() != 1) {
                throw new IllegalArgumentException(table + ": a finder is a condition with exactly one ? and no "
                        + "literal, comment or semicolon: " + finder);
            }
        }
        if (ownerless != null && (ownerless.isBlank() || subjectColumn != null || !finders.isEmpty())) {
            throw new IllegalArgumentException(table + ": rows that belong to no one need a reason, and no subject "
                    + "column or finder");
        }
        if (pseudonymous && (subjectColumn == null || !finders.isEmpty() || subjectRoot)) {
            throw new IllegalArgumentException(table + ": a pseudonymous table has a subject column and no finder");
        }
        if (heldUntil != null && (!FINDER.matcher(heldUntil).matches() || heldUntil.contains("?"))) {
            throw new IllegalArgumentException(table + ": a hold is a constant condition with no ?, literal, comment "
                    + "or semicolon: " + heldUntil);
        }
    }

    public DataTable(String table, String subjectColumn, boolean subjectRoot, List<String> finders, String ownerless,
            List<Column> columns) {
        this(table, subjectColumn, subjectRoot, finders, ownerless, columns, false, null);
    }

    /** This table, whose rows are the subject's only once {@code condition} holds (see {@link #heldUntil}). */
    public DataTable heldUntil(String condition) {
        return new DataTable(table, subjectColumn, subjectRoot, finders, ownerless, columns, pseudonymous, condition);
    }

    /**
     * Rows of a subject named by their keyed pseudonym in {@code pseudonymColumn}: records that
     * should not say whose they are to whoever reads the database alone, but that the subject sees,
     * exports and erases like any other.
     */
    public static DataTable ofPseudonym(String table, String pseudonymColumn, Column... columns) {
        return new DataTable(table, pseudonymColumn, false, List.of(), null, List.of(columns), true, null);
    }

    /** Rows of a subject, erased with them. */
    public static DataTable ofSubject(String table, String subjectColumn, Column... columns) {
        return new DataTable(table, subjectColumn, false, List.of(), null, List.of(columns));
    }

    /** Rows of a subject whose every column is personal, of one category, purpose and retention. */
    public static DataTable personalOfSubject(String table, String subjectColumn, String category, Purpose purpose,
            String retention, String... columns) {
        return ofSubject(table, subjectColumn, java.util.Arrays.stream(columns)
                .map(c -> Column.personal(c, category, purpose, retention)).toArray(Column[]::new));
    }

    public static DataTable subjectRoot(String table, String idColumn, Column... columns) {
        return new DataTable(table, idColumn, true, List.of(), null, List.of(columns));
    }

    /**
     * Rows with no column holding the subject's id, found by {@code finder} (see {@link #finders}),
     * such as {@code "to_address = (SELECT email FROM accounts WHERE id = ?)"}.
     */
    public static DataTable foundBy(String table, String finder, Column... columns) {
        return new DataTable(table, null, false, List.of(finder), null, List.of(columns));
    }

    /**
     * This table, whose rows are also a subject's where {@code finder} holds: a share made by
     * someone else with the subject as a member, say. Such rows are exported to the subject and
     * erased with them; rows they merely point to (the other person's share) are not.
     */
    public DataTable alsoFoundBy(String finder) {
        List<String> more = new ArrayList<>(finders);
        more.add(finder);
        return new DataTable(table, subjectColumn, subjectRoot, more, ownerless, columns, pseudonymous, heldUntil);
    }

    /** This table with {@code more} columns, classified otherwise than the rest (a shorter retention, say). */
    public DataTable with(Column... more) {
        List<Column> all = new ArrayList<>(columns);
        all.addAll(List.of(more));
        return new DataTable(table, subjectColumn, subjectRoot, finders, ownerless, all, pseudonymous, heldUntil);
    }

    /**
     * Personal rows that belong to no one: nothing in them leads to a subject, so they are neither
     * exported nor erased, only kept as briefly as {@code why} says.
     */
    public static DataTable ownedByNoOne(String table, String why, Column... columns) {
        return new DataTable(table, null, false, List.of(), why, List.of(columns));
    }

    /** A table with no personal data at all. */
    public static DataTable notPersonal(String table, String... columns) {
        return new DataTable(table, null, false, List.of(), null,
                java.util.Arrays.stream(columns).map(Column::notPersonal).toList());
    }

    /** Whether some of the rows can be a subject's: it has a subject column or a finder. */
    public boolean holdsSubjects() {
        return subjectColumn != null || !finders.isEmpty();
    }

    public boolean personal() {
        return columns.stream().anyMatch(Column::personal);
    }

    /**
     * The condition that selects a subject's rows, for {@code WHERE}, and its parameters: the
     * subject column and every finder, joined with {@code OR}.
     */
    public record Selection(String where, List<Object> params) {}

    /**
     * @param subjectId the subject's account id, or their pseudonym for a {@link #pseudonymous}
     *     table; {@link DataMap#rowsOf} picks the right one
     */
    public Selection rowsOf(String subjectId) {
        if (!holdsSubjects()) {
            throw new IllegalStateException(table + " holds no subject's rows");
        }
        List<String> conditions = new ArrayList<>();
        if (subjectColumn != null) {
            conditions.add(subjectColumn + " = ?");
        }
        finders.forEach(f -> conditions.add("(" + f + ")"));
        String where = String.join(" OR ", conditions);
        return new Selection(heldUntil == null ? where : "(" + where + ") AND (" + heldUntil + ")",
                Collections.nCopies(conditions.size(), Objects.requireNonNull(subjectId)));
    }

    /** The other tables the finders read, which must still hold the subject's rows when this one is erased. */
    public Set<String> reads() {
        Set<String> read = new LinkedHashSet<>();
        for (String finder : finders) {
            Matcher m = READS.matcher(finder);
            while (m.find()) {
                read.add(m.group(1).toLowerCase(java.util.Locale.ROOT));
            }
        }
        read.remove(table);
        return read;
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
