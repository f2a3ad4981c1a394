package dev.arca.library;

import dev.arca.platform.Links;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The library page's filters as they stand in its address: text, type, a date range (days,
 * inclusive), album, tag, whether the item has a place, and a place as a point with a radius.
 * Values that do not parse are ignored rather than refused: an address typed by hand still
 * shows a library. Every field is null when not set.
 */
public record LibraryFilter(String q, String kind, String from, String to, String album, String tag, Boolean located,
        Double lat, Double lon, Double km) {

    static LibraryFilter of(Map<String, String> params) {
        String kind = params.get("kind");
        return new LibraryFilter(blankToNull(params.get("q")),
                kind != null && kind.matches("image|video|audio|other") ? kind : null,
                date(params.get("from")), date(params.get("to")), blankToNull(params.get("album")),
                blankToNull(params.get("tag")),
                "yes".equals(params.get("located")) ? Boolean.TRUE : "no".equals(params.get("located")) ? Boolean.FALSE : null,
                number(params.get("lat"), 90), number(params.get("lon"), 180), number(params.get("km"), 20_000));
    }

    public boolean any() {
        return q != null || kind != null || from != null || to != null || album != null || tag != null || located != null
                || near();
    }

    public boolean near() {
        return lat != null && lon != null && km != null && km > 0;
    }

    ItemSearch.Query query(boolean trashed, String cursor, int limit) {
        ItemSearch.BoundingBox box = null;
        if (near()) {
            double dLat = km / 111.32;
            double dLon = km / (111.32 * Math.max(Math.cos(Math.toRadians(lat)), 0.01));
            // Near a pole, or with a radius of half the world, every longitude is within reach.
            box = dLon >= 180
                    ? new ItemSearch.BoundingBox(-180, Math.max(lat - dLat, -90), 180, Math.min(lat + dLat, 90))
                    : new ItemSearch.BoundingBox(wrap(lon - dLon), Math.max(lat - dLat, -90), wrap(lon + dLon),
                            Math.min(lat + dLat, 90));
        }
        return new ItemSearch.Query(q, kind,
                from == null ? null : LocalDate.parse(from).atStartOfDay(ZoneOffset.UTC).toInstant(),
                to == null ? null : LocalDate.parse(to).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant(),
                box, album, tag, located, trashed, "-takenAt", cursor, limit);
    }

    /** The filters as query parameters ({@code a=1&b=2}), for links that keep them. */
    public String parameters() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("q", q);
        p.put("kind", kind);
        p.put("from", from);
        p.put("to", to);
        p.put("album", album);
        p.put("tag", tag);
        p.put("located", located == null ? null : located ? "yes" : "no");
        p.put("lat", lat);
        p.put("lon", lon);
        p.put("km", km);
        return p.entrySet().stream().filter(e -> e.getValue() != null)
                .map(e -> e.getKey() + "=" + Links.query(String.valueOf(e.getValue())))
                .collect(Collectors.joining("&"));
    }

    private static double wrap(double longitude) {
        return longitude > 180 ? longitude - 360 : longitude < -180 ? longitude + 360 : longitude;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String date(String s) {
        try {
            return s == null || s.isBlank() ? null : LocalDate.parse(s.strip()).toString();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Double number(String s, double limit) {
        try {
            double v = Double.parseDouble(s == null ? "" : s.strip());
            return Double.isFinite(v) && Math.abs(v) <= limit ? v : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
