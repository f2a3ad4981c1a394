package dev.arca.library;

import dev.arca.library.internal.ItemRows;
import dev.arca.library.internal.SearchText;
import dev.arca.library.internal.TimelineDays;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Lists and searches an account's items with keyset paging: a page ends with a cursor that
 * names the last row's sort value and id, so later pages cost the same as the first and
 * items added meanwhile neither repeat nor vanish.
 */
@Service
public class ItemSearch {

    /** What to list. Every field is optional; {@code sort} is a field name, "-" first for descending. */
    public record Query(String text, String kind, Instant from, Instant to, BoundingBox box, String albumId,
            String tag, Boolean hasLocation, boolean trashed, String sort, String cursor, int limit) {}

    /** A place as a box of longitudes and latitudes (west, south, east, north), in degrees. */
    public record BoundingBox(double west, double south, double east, double north) {}

    public record Page(List<Item> items, String nextCursor) {}

    /** The query asks for something that cannot be answered; the message says what. */
    public static final class InvalidQueryException extends RuntimeException {
        InvalidQueryException(String message) {
            super(message);
        }
    }

    private enum Sort {
        TAKEN("takenAt", "i.taken_at", true), CREATED("createdAt", "i.created_at", true),
        NAME("filename", "i.filename", false), SIZE("size", "i.size", true);

        final String field;
        final String column;
        final boolean numeric;

        Sort(String field, String column, boolean numeric) {
            this.field = field;
            this.column = column;
            this.numeric = numeric;
        }

        /** The item's value of this sort, as a cursor holds it. */
        String value(Item item) {
            return switch (this) {
                case TAKEN -> Long.toString(item.takenAt().toEpochMilli());
                case CREATED -> Long.toString(item.createdAt().toEpochMilli());
                case NAME -> item.filename();
                case SIZE -> Long.toString(item.size());
            };
        }
    }

    public static final int MAX_LIMIT = 500;

    private final JdbcClient jdbc;
    private final Library library;
    private final TimelineDays timelineDays;

    ItemSearch(JdbcClient jdbc, Library library, TimelineDays timelineDays) {
        this.jdbc = jdbc;
        this.library = library;
        this.timelineDays = timelineDays;
    }

    public Page search(String accountId, Query query) {
        String sortText = query.sort() == null || query.sort().isBlank() ? "-takenAt" : query.sort();
        boolean descending = sortText.startsWith("-");
        String field = descending ? sortText.substring(1) : sortText;
        Sort sort = java.util.Arrays.stream(Sort.values()).filter(s -> s.field.equals(field)).findFirst()
                .orElseThrow(() -> new InvalidQueryException("sort must be one of takenAt, createdAt, filename, size"));
        if (query.limit() < 1 || query.limit() > MAX_LIMIT) {
            throw new InvalidQueryException("limit must be from 1 to " + MAX_LIMIT);
        }
        int limit = query.limit();

        StringBuilder where = new StringBuilder("i.account_id = ?");
        List<Object> params = new ArrayList<>();
        params.add(accountId);
        where.append(query.trashed() ? " AND i.trashed_at IS NOT NULL" : " AND i.trashed_at IS NULL");
        if (query.kind() != null) {
            where.append(" AND i.kind = ?");
            params.add(query.kind().toLowerCase(Locale.ROOT));
        }
        String lat = "COALESCE(i.user_latitude, m.latitude)";
        String lon = "COALESCE(i.user_longitude, m.longitude)";
        if (Boolean.TRUE.equals(query.hasLocation())) {
            where.append(" AND ").append(lat).append(" IS NOT NULL AND ").append(lon).append(" IS NOT NULL");
        } else if (Boolean.FALSE.equals(query.hasLocation())) {
            where.append(" AND (").append(lat).append(" IS NULL OR ").append(lon).append(" IS NULL)");
        }
        if (query.box() != null) {
            BoundingBox b = query.box();
            where.append(" AND ").append(placed("latitude", "BETWEEN ? AND ?"));
            Collections.addAll(params, b.south(), b.north(), b.south(), b.north());
            if (b.west() <= b.east()) {
                where.append(" AND ").append(placed("longitude", "BETWEEN ? AND ?"));
                Collections.addAll(params, b.west(), b.east(), b.west(), b.east());
            } else {
                // The box crosses the antimeridian.
                where.append(" AND (").append(placed("longitude", ">= ?")).append(" OR ")
                        .append(placed("longitude", "<= ?")).append(")");
                Collections.addAll(params, b.west(), b.west(), b.east(), b.east());
            }
        }
        if (query.albumId() != null) {
            where.append(" AND EXISTS (SELECT 1 FROM album_items ai WHERE ai.item_id = i.id AND ai.album_id = ?)");
            params.add(query.albumId());
        }
        if (query.tag() != null) {
            where.append(" AND EXISTS (SELECT 1 FROM item_tags it JOIN tags t ON t.id = it.tag_id "
                    + "WHERE it.item_id = i.id AND t.name = ?)");
            params.add(query.tag());
        }
        String from = "items i";
        List<Object> fromParams = List.of();
        if (query.text() != null && !query.text().isBlank()) {
            List<Word> words = words(accountId, query.text());
            if (words.isEmpty()) {
                // Nothing but punctuation and spaces: no word to look for, so nothing is found.
                return new Page(List.of(), null);
            }
            // A word that few items have drives the query: its items are found by the index and
            // sorted. When every word is common, the library is walked in order and each item
            // checked, which finds a page's worth quickly. The answer is the same either way.
            Word rarest = words.stream().min(java.util.Comparator.comparingInt(Word::estimate)).orElseThrow();
            if (rarest.estimate() < DRIVING_BELOW) {
                List<Object> driving = new ArrayList<>();
                from = "(" + rarest.items(driving) + ") s CROSS JOIN items i";
                fromParams = driving;
                where.append(" AND i.id = s.item_id");
            }
            for (Word word : words) {
                if (word != rarest || rarest.estimate() >= DRIVING_BELOW) {
                    where.append(" AND ").append(word.holds(params));
                }
            }
        }
        String[] cursor = query.cursor() == null || query.cursor().isBlank() ? null : decodeCursor(query.cursor());
        Object after = cursor == null ? null : sort.numeric ? parseLong(cursor[0]) : cursor[0];
        // On the timeline, a page after the first lists items where they were when the first was
        // listed (docs/search.md, "Paging"): the cursor carries how many moves had been made then.
        Long moves = sort == Sort.TAKEN && cursor != null && cursor.length == 3 ? parseLong(cursor[2]) : null;
        String direction = descending ? " DESC" : " ASC";

        StringBuilder unmoved = new StringBuilder(where);
        List<Object> unmovedParams = new ArrayList<>(fromParams);
        unmovedParams.addAll(params);
        if (query.from() != null) {
            unmoved.append(" AND i.taken_at >= ?");
            unmovedParams.add(query.from().toEpochMilli());
        }
        if (query.to() != null) {
            unmoved.append(" AND i.taken_at < ?");
            unmovedParams.add(query.to().toEpochMilli());
        }
        if (cursor != null) {
            String op = descending ? "<" : ">";
            unmoved.append(" AND (").append(sort.column).append(" ").append(op).append(" ? OR (").append(sort.column)
                    .append(" = ? AND i.id ").append(op).append(" ?))");
            Collections.addAll(unmovedParams, after, after, cursor[1]);
        }
        if (moves != null) {
            unmoved.append(" AND NOT EXISTS (SELECT 1 FROM timeline_moves mv WHERE mv.item_id = i.id AND mv.seq > ?)");
            unmovedParams.add(moves);
        }
        // The first timeline page notes the moves made so far, in the same statement, so that the
        // number and the positions it lists are of one moment.
        boolean notes = sort == Sort.TAKEN && cursor == null;
        String noted = notes ? ", (SELECT COALESCE(MAX(seq), 0) FROM timeline_clocks WHERE account_id = ?) AS moves" : "";
        List<Object> selectParams = notes ? List.of(accountId) : List.of();
        unmovedParams.addAll(0, selectParams);
        unmovedParams.add(limit + 1);
        long[] notedMoves = {0};
        List<Placed> rows = new ArrayList<>(jdbc.sql("SELECT " + ItemRows.COLUMNS + noted + " FROM " + from
                        + " LEFT JOIN item_metadata m ON m.item_id = i.id WHERE " + unmoved + " ORDER BY " + sort.column
                        + direction + ", i.id" + direction + " LIMIT ?")
                .params(unmovedParams)
                .query((rs, n) -> {
                    if (notes) {
                        notedMoves[0] = rs.getLong("moves");
                    }
                    Item item = ItemRows.item(rs, List.of());
                    return new Placed(item, sort.value(item));
                })
                .list());
        // Looked for after the page's own statement: a move that commits in between is then either
        // seen here or already excluded there.
        if (moves != null && jdbc.sql("SELECT COUNT(*) FROM timeline_moves WHERE account_id = ? AND seq > ?")
                .params(accountId, moves).query(Long.class).single() > 0) {
            // A move that commits between the two statements puts its item in both, at the same
            // position: the one its first move since the first page started from. Keep it once.
            java.util.Set<String> listed = new java.util.HashSet<>();
            rows.forEach(p -> listed.add(p.item().id()));
            movedSince(accountId, moves, from, fromParams, where, params, query, descending, after, cursor).stream()
                    .filter(p -> listed.add(p.item().id())).forEach(rows::add);
            Comparator<Placed> order = Comparator.comparing(Placed::position, (a, b) -> compare(a, b))
                    .thenComparing(p -> p.item().id());
            rows.sort(descending ? order.reversed() : order);
        }
        String next = null;
        List<Item> items = rows.stream().limit(limit).map(Placed::item).toList();
        if (rows.size() > limit) {
            Placed last = rows.get(limit - 1);
            long noteMoves = moves != null ? moves : notedMoves[0];
            next = sort == Sort.TAKEN ? cursor(last.position(), last.item().id(), noteMoves)
                    : cursor(last.position(), last.item().id());
        }
        return new Page(library.withTags(items), next);
    }

    /** An item and where it is in the listing's order: the sort value, as text. */
    private record Placed(Item item, String position) {}

    /**
     * The items of the query that moved on the timeline after the first page was listed, each
     * where it was then (the date before its first move since), within the date range and after
     * the cursor by that position.
     */
    private List<Placed> movedSince(String accountId, long moves, String from, List<Object> fromParams, StringBuilder where,
            List<Object> params, Query query, boolean descending, Object after, String[] cursor) {
        List<Object> all = new ArrayList<>();
        all.add(moves);
        all.add(accountId);
        all.add(moves);
        all.addAll(fromParams);
        all.addAll(params);
        // Driven by the moves (few, however large the library), each joined to its item.
        List<Placed> moved = jdbc.sql("SELECT " + ItemRows.COLUMNS + ", (SELECT mv.from_taken_at FROM timeline_moves mv "
                        + "WHERE mv.item_id = i.id AND mv.seq > ? ORDER BY mv.seq LIMIT 1) AS was FROM (SELECT DISTINCT "
                        + "item_id FROM timeline_moves WHERE account_id = ? AND seq > ?) since CROSS JOIN " + from
                        + " LEFT JOIN item_metadata m ON m.item_id = i.id WHERE " + where + " AND i.id = since.item_id")
                .params(all)
                .query((rs, n) -> new Placed(ItemRows.item(rs, List.of()), Long.toString(rs.getLong("was"))))
                .list();
        return moved.stream().filter(p -> {
            long was = Long.parseLong(p.position());
            if (query.from() != null && was < query.from().toEpochMilli()
                    || query.to() != null && was >= query.to().toEpochMilli()) {
                return false;
            }
            int c = Long.compare(was, (Long) after);
            int byId = p.item().id().compareTo(cursor[1]);
            return descending ? c < 0 || c == 0 && byId < 0 : c > 0 || c == 0 && byId > 0;
        }).toList();
    }

    /** Positions compare as numbers where they are numbers (every sort but file name). */
    private static int compare(String a, String b) {
        try {
            return Long.compare(Long.parseLong(a), Long.parseLong(b));
        } catch (NumberFormatException notNumbers) {
            return a.compareTo(b);
        }
    }

    /**
     * Below this many index entries, a word's items are gathered and sorted; at or above, the
     * library is walked in order. Either plan answers in milliseconds on its side of the line.
     */
    private static final int DRIVING_BELOW = 5_000;

    /**
     * A query word, as a prefix: the items whose own text has a term starting with it, and those
     * with a tag or in an album whose name has one. {@code estimate} is how many index entries it
     * matches, counted up to {@link #DRIVING_BELOW}.
     */
    private record Word(String accountId, String prefix, List<String> tagIds, List<String> albumIds, int estimate) {

        /** A subquery of the word's item ids, once each. */
        String items(List<Object> params) {
            StringBuilder sql = new StringBuilder(
                    "SELECT DISTINCT item_id FROM search_terms WHERE account_id = ? AND term >= ? AND term < ?");
            Collections.addAll(params, accountId, prefix, SearchText.after(prefix));
            if (!tagIds.isEmpty()) {
                sql.append(" UNION SELECT item_id FROM item_tags WHERE tag_id IN ").append(marks(tagIds.size()));
                params.addAll(tagIds);
            }
            if (!albumIds.isEmpty()) {
                sql.append(" UNION SELECT item_id FROM album_items WHERE album_id IN ").append(marks(albumIds.size()));
                params.addAll(albumIds);
            }
            return sql.toString();
        }

        /** A condition on {@code i}: the item has the word. */
        String holds(List<Object> params) {
            StringBuilder sql = new StringBuilder("(EXISTS (SELECT 1 FROM search_terms t WHERE t.item_id = i.id "
                    + "AND t.term >= ? AND t.term < ?)");
            Collections.addAll(params, prefix, SearchText.after(prefix));
            if (!tagIds.isEmpty()) {
                sql.append(" OR EXISTS (SELECT 1 FROM item_tags it WHERE it.item_id = i.id AND it.tag_id IN ")
                        .append(marks(tagIds.size())).append(")");
                params.addAll(tagIds);
            }
            if (!albumIds.isEmpty()) {
                sql.append(" OR EXISTS (SELECT 1 FROM album_items ai WHERE ai.item_id = i.id AND ai.album_id IN ")
                        .append(marks(albumIds.size())).append(")");
                params.addAll(albumIds);
            }
            return sql.append(")").toString();
        }
    }

    /**
     * {@code COALESCE(i.user_<column>, m.<column>) <condition>}, spelt out per column, with the
     * condition's parameters twice: PostgreSQL estimates a condition on a column from its
     * statistics, on an expression it guesses, and a wrong guess cost a place search a full join.
     */
    private static String placed(String column, String condition) {
        return "(i.user_" + column + " " + condition + " OR (i.user_" + column + " IS NULL AND m." + column + " "
                + condition + "))";
    }

    /** A tag or an album: its id and the terms of its name. */
    private record Named(String id, java.util.Set<String> terms) {}

    private List<Word> words(String accountId, String text) {
        List<String> prefixes = SearchText.query(text);
        if (prefixes.isEmpty()) {
            return List.of();
        }
        List<Named> tags = named("SELECT id, name FROM tags WHERE account_id = ?", accountId);
        List<Named> albums = named("SELECT id, name FROM albums WHERE account_id = ?", accountId);
        List<Word> words = new ArrayList<>();
        for (String prefix : prefixes) {
            Word word = new Word(accountId, prefix, matching(tags, prefix), matching(albums, prefix), 0);
            List<Object> params = new ArrayList<>();
            String items = word.items(params);
            params.add(DRIVING_BELOW);
            int estimate = jdbc.sql("SELECT COUNT(*) FROM (" + items + " LIMIT ?) e").params(params)
                    .query(Integer.class).single();
            words.add(new Word(accountId, prefix, word.tagIds(), word.albumIds(), estimate));
        }
        return words;
    }

    private List<Named> named(String sql, String accountId) {
        return jdbc.sql(sql).param(accountId)
                .query((rs, n) -> new Named(rs.getString(1), SearchText.terms(List.of(rs.getString(2))))).list();
    }

    private static List<String> matching(List<Named> named, String prefix) {
        return named.stream().filter(n -> n.terms().stream().anyMatch(term -> term.startsWith(prefix)))
                .map(Named::id).toList();
    }

    private static String marks(int n) {
        return "(" + String.join(", ", Collections.nCopies(n, "?")) + ")";
    }

    /** The items just before and after one in the library's order (newest first); null at either end. */
    public record Neighbours(String newer, String older) {}

    public Neighbours neighbours(String accountId, Item item) {
        String at = cursor(Long.toString(item.takenAt().toEpochMilli()), item.id());
        return new Neighbours(first(accountId, "takenAt", at), first(accountId, "-takenAt", at));
    }

    private String first(String accountId, String sort, String cursor) {
        List<Item> items = search(accountId, new Query(null, null, null, null, null, null, null, null, false, sort,
                cursor, 1)).items();
        return items.isEmpty() ? null : items.getFirst().id();
    }

    private static String cursor(String value, String id) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((value + "\u0000" + id).getBytes(StandardCharsets.UTF_8));
    }

    private static String cursor(String value, String id, long moves) {
        return cursor(value, id + "\u0000" + moves);
    }

    /** How many items each day (UTC) of the timeline has, newest first. */
    public record Day(String date, long count) {}

    public List<Day> timeline(String accountId) {
        return timelineDays.of(accountId).stream()
                .map(d -> new Day(java.time.LocalDate.ofEpochDay(d.day()).toString(), d.items())).toList();
    }

    private static String[] decodeCursor(String cursor) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            String[] parts = text.split("\u0000", 3);
            if (parts.length < 2) {
                throw new InvalidQueryException("cursor is not one this server gave");
            }
            return parts;
        } catch (IllegalArgumentException e) {
            throw new InvalidQueryException("cursor is not one this server gave");
        }
    }

    private static long parseLong(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new InvalidQueryException("cursor does not fit this sort order");
        }
    }
}
