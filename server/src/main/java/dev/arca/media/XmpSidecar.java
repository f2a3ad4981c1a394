package dev.arca.media;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes XMP sidecar documents ({@code photo.jpg.xmp} or {@code photo.xmp}) that carry the values a
 * user gave in Arca, in the form ExifTool, digiKam, darktable and Lightroom read.
 */
public final class XmpSidecar {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");

    private XmpSidecar() {}

    /**
     * Writes a sidecar.
     *
     * <p>Written when not null: {@code title} as dc:title, {@code description} as dc:description,
     * {@code rating} as xmp:Rating, {@code capturedAt} with {@code capturedOffset} as
     * exif:DateTimeOriginal (without an offset, the wall-clock time as {@link MediaMetadata} defines it),
     * {@code latitude}/{@code longitude} as exif:GPSLatitude/GPSLongitude ({@code DDD,MM.mmmmmmK}) and
     * {@code altitude} as exif:GPSAltitude with GPSAltitudeRef. The {@code tags} become the dc:subject
     * bag, in their order without duplicates or blanks; {@code userValues.keywords()} is not consulted,
     * so that the caller passes the one list it means. Other fields are not written.
     *
     * <p>Text is escaped for XML; characters that XML 1.0 cannot carry at all (most control characters,
     * lone surrogates) are left out.
     *
     * @return the document as a string, to be stored UTF-8 encoded
     */
    public static String write(MediaMetadata userValues, List<String> tags) {
        MediaMetadata v = userValues == null ? MediaMetadata.EMPTY : userValues;
        StringBuilder x = new StringBuilder(1024);
        x.append("<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n");
        x.append("<x:xmpmeta xmlns:x=\"adobe:ns:meta/\" x:xmptk=\"Arca\">\n");
        x.append(" <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n");
        x.append("  <rdf:Description rdf:about=\"\"\n");
        x.append("    xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n");
        x.append("    xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n");
        x.append("    xmlns:exif=\"http://ns.adobe.com/exif/1.0/\">\n");
        if (v.title() != null) {
            alt(x, "dc:title", v.title());
        }
        if (v.description() != null) {
            alt(x, "dc:description", v.description());
        }
        Set<String> subjects = new LinkedHashSet<>();
        if (tags != null) {
            for (String tag : tags) {
                if (tag != null && !tag.isBlank()) {
                    subjects.add(tag.strip());
                }
            }
        }
        if (!subjects.isEmpty()) {
            x.append("   <dc:subject>\n    <rdf:Bag>\n");
            for (String subject : subjects) {
                x.append("     <rdf:li>").append(escape(subject)).append("</rdf:li>\n");
            }
            x.append("    </rdf:Bag>\n   </dc:subject>\n");
        }
        if (v.rating() != null) {
            simple(x, "xmp:Rating", Integer.toString(v.rating()));
        }
        if (v.capturedAt() != null) {
            simple(x, "exif:DateTimeOriginal", dateTime(v));
        }
        if (v.latitude() != null) {
            simple(x, "exif:GPSLatitude", coordinate(v.latitude(), 'N', 'S'));
            simple(x, "exif:GPSLongitude", coordinate(v.longitude(), 'E', 'W'));
        }
        if (v.altitude() != null) {
            BigDecimal metres = BigDecimal.valueOf(Math.abs(v.altitude())).setScale(2, RoundingMode.HALF_UP);
            simple(x, "exif:GPSAltitude", metres.unscaledValue() + "/100");
            simple(x, "exif:GPSAltitudeRef", v.altitude() < 0 ? "1" : "0");
        }
        x.append("  </rdf:Description>\n </rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>\n");
        return x.toString();
    }

    private static void alt(StringBuilder x, String property, String text) {
        x.append("   <").append(property).append(">\n    <rdf:Alt>\n     <rdf:li xml:lang=\"x-default\">")
                .append(escape(text)).append("</rdf:li>\n    </rdf:Alt>\n   </").append(property).append(">\n");
    }

    private static void simple(StringBuilder x, String property, String text) {
        x.append("   <").append(property).append('>').append(escape(text)).append("</").append(property).append(">\n");
    }

    private static String dateTime(MediaMetadata v) {
        if (v.capturedOffset() == null) {
            return LocalDateTime.ofInstant(v.capturedAt(), ZoneOffset.UTC).format(LOCAL);
        }
        ZoneOffset offset = ZoneOffset.of(v.capturedOffset());
        return v.capturedAt().atOffset(offset).toLocalDateTime().format(LOCAL) + offset.getId().replace("Z", "+00:00");
    }

    /** XMP's GPSCoordinate form: whole degrees, comma, decimal minutes, hemisphere letter. */
    static String coordinate(double degrees, char positive, char negative) {
        BigDecimal magnitude = BigDecimal.valueOf(Math.abs(degrees));
        BigDecimal whole = magnitude.setScale(0, RoundingMode.DOWN);
        BigDecimal minutes = magnitude.subtract(whole).multiply(BigDecimal.valueOf(60))
                .setScale(6, RoundingMode.HALF_UP).stripTrailingZeros();
        return whole.toPlainString() + "," + minutes.toPlainString() + (degrees < 0 ? negative : positive);
    }

    /** Escapes markup characters and drops what XML 1.0 cannot represent. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> {
                    if (Character.isHighSurrogate(c) && i + 1 < text.length()
                            && Character.isLowSurrogate(text.charAt(i + 1))) {
                        out.append(c).append(text.charAt(++i));
                    } else if (c == '\t' || c == '\n' || c == '\r'
                            || c >= 0x20 && c <= 0xD7FF || c >= 0xE000 && c <= 0xFFFD) {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
