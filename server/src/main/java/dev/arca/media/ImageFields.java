package dev.arca.media;

import com.adobe.internal.xmp.XMPConst;
import com.adobe.internal.xmp.XMPException;
import com.adobe.internal.xmp.XMPMeta;
import com.adobe.internal.xmp.properties.XMPProperty;
import com.drew.lang.GeoLocation;
import com.drew.lang.Rational;
import com.drew.metadata.Directory;
import com.drew.metadata.Metadata;
import com.drew.metadata.Tag;
import com.drew.metadata.exif.ExifDirectoryBase;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifImageDirectory;
import com.drew.metadata.exif.ExifSubIFDDirectory;
import com.drew.metadata.exif.ExifThumbnailDirectory;
import com.drew.metadata.exif.GpsDirectory;
import com.drew.metadata.file.FileSystemDirectory;
import com.drew.metadata.gif.GifHeaderDirectory;
import com.drew.metadata.heif.HeifDirectory;
import com.drew.metadata.iptc.IptcDirectory;
import com.drew.metadata.jpeg.JpegDirectory;
import com.drew.metadata.png.PngDirectory;
import com.drew.metadata.webp.WebpDirectory;
import com.drew.metadata.xmp.XmpDirectory;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Normalises what metadata-extractor read from a still image (and the EXIF/XMP of other files) and
 * dumps every tag. Sources are offered in order of trust: XMP before IPTC before EXIF for the
 * descriptive fields, EXIF before XMP before IPTC for technical ones and times.
 */
final class ImageFields {

    private static final String NS_EXIF = "http://ns.adobe.com/exif/1.0/";
    private static final String NS_AUX = "http://ns.adobe.com/exif/1.0/aux/";
    private static final String NS_EXIF_EX = "http://cipa.jp/exif/1.0/";

    /** Descriptions cameras write by default; they describe nothing. */
    private static final Set<String> CAMERA_DEFAULTS = Set.of("OLYMPUS DIGITAL CAMERA", "SONY DSC",
            "DIGITAL CAMERA", "KONICA MINOLTA DIGITAL CAMERA", "MINOLTA DIGITAL CAMERA", "default", "Default");

    private ImageFields() {}

    /** Offers everything the metadata says to {@code out} and dumps it into {@code raw}. */
    static void read(Metadata metadata, MetadataBuilder out, RawDump raw) {
        ExifIFD0Directory ifd0 = metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
        ExifSubIFDDirectory exif = metadata.getFirstDirectoryOfType(ExifSubIFDDirectory.class);
        GpsDirectory gps = metadata.getFirstDirectoryOfType(GpsDirectory.class);
        IptcDirectory iptc = metadata.getFirstDirectoryOfType(IptcDirectory.class);
        XMPMeta xmp = xmp(metadata);

        dimensions(metadata, out);
        times(exif, ifd0, gps, iptc, xmp, out);
        location(gps, xmp, out);
        camera(ifd0, exif, xmp, out);
        descriptive(ifd0, iptc, xmp, out);
        dump(metadata, raw);
    }

    /** The picture's own size: from the format's header, else the largest EXIF/TIFF image. */
    private static void dimensions(Metadata metadata, MetadataBuilder out) {
        JpegDirectory jpeg = metadata.getFirstDirectoryOfType(JpegDirectory.class);
        if (jpeg != null) {
            out.dimensions(jpeg.getInteger(JpegDirectory.TAG_IMAGE_WIDTH), jpeg.getInteger(JpegDirectory.TAG_IMAGE_HEIGHT));
        }
        for (PngDirectory png : metadata.getDirectoriesOfType(PngDirectory.class)) {
            out.dimensions(png.getInteger(PngDirectory.TAG_IMAGE_WIDTH), png.getInteger(PngDirectory.TAG_IMAGE_HEIGHT));
        }
        GifHeaderDirectory gif = metadata.getFirstDirectoryOfType(GifHeaderDirectory.class);
        if (gif != null) {
            out.dimensions(gif.getInteger(GifHeaderDirectory.TAG_IMAGE_WIDTH),
                    gif.getInteger(GifHeaderDirectory.TAG_IMAGE_HEIGHT));
        }
        for (WebpDirectory webp : metadata.getDirectoriesOfType(WebpDirectory.class)) {
            out.dimensions(webp.getInteger(WebpDirectory.TAG_IMAGE_WIDTH), webp.getInteger(WebpDirectory.TAG_IMAGE_HEIGHT));
        }
        largest(metadata.getDirectoriesOfType(HeifDirectory.class), HeifDirectory.TAG_IMAGE_WIDTH,
                HeifDirectory.TAG_IMAGE_HEIGHT, out);
        List<Directory> tiff = new ArrayList<>();
        tiff.addAll(metadata.getDirectoriesOfType(ExifIFD0Directory.class));
        tiff.addAll(metadata.getDirectoriesOfType(ExifImageDirectory.class));
        largest(tiff, ExifDirectoryBase.TAG_IMAGE_WIDTH, ExifDirectoryBase.TAG_IMAGE_HEIGHT, out);
        largest(new ArrayList<>(metadata.getDirectoriesOfType(ExifSubIFDDirectory.class)),
                ExifDirectoryBase.TAG_EXIF_IMAGE_WIDTH, ExifDirectoryBase.TAG_EXIF_IMAGE_HEIGHT, out);
    }

    private static void largest(Iterable<? extends Directory> directories, int widthTag, int heightTag,
            MetadataBuilder out) {
        Integer bestWidth = null;
        Integer bestHeight = null;
        for (Directory d : directories) {
            Integer w = d.getInteger(widthTag);
            Integer h = d.getInteger(heightTag);
            if (w != null && h != null && w > 0 && h > 0
                    && (bestWidth == null || (long) w * h > (long) bestWidth * bestHeight)) {
                bestWidth = w;
                bestHeight = h;
            }
        }
        out.dimensions(bestWidth, bestHeight);
    }

    private static void times(ExifSubIFDDirectory exif, ExifIFD0Directory ifd0, GpsDirectory gps, IptcDirectory iptc,
            XMPMeta xmp, MetadataBuilder out) {
        if (exif != null) {
            Dates.Local original = exifTime(exif, ExifDirectoryBase.TAG_DATETIME_ORIGINAL,
                    ExifDirectoryBase.TAG_SUBSECOND_TIME_ORIGINAL, ExifDirectoryBase.TAG_TIME_ZONE_ORIGINAL);
            if (original != null) {
                ZoneOffset offset = original.offset() != null ? original.offset() : gpsOffset(original.time(), gps);
                out.captured(original.time(), offset);
            }
        }
        offer(out, Dates.dateTime(xmpText(xmp, NS_EXIF, "DateTimeOriginal")));
        offer(out, Dates.dateTime(xmpText(xmp, XMPConst.NS_PHOTOSHOP, "DateCreated")));
        if (iptc != null) {
            String date = iptc.getString(IptcDirectory.TAG_DATE_CREATED);
            if (date != null && date.strip().matches("\\d{8}")) {
                date = date.strip().substring(0, 4) + ":" + date.strip().substring(4, 6) + ":" + date.strip().substring(6);
            }
            Dates.Local day = Dates.dateTime(date);
            if (day != null) {
                Dates.Local withTime = Dates.time(day.time().toLocalDate(), iptc.getString(IptcDirectory.TAG_TIME_CREATED));
                offer(out, withTime != null ? withTime : day);
            }
        }
        if (exif != null) {
            offer(out, exifTime(exif, ExifDirectoryBase.TAG_DATETIME_DIGITIZED,
                    ExifDirectoryBase.TAG_SUBSECOND_TIME_DIGITIZED, ExifDirectoryBase.TAG_TIME_ZONE_DIGITIZED));
        }
        offer(out, Dates.dateTime(xmpText(xmp, XMPConst.NS_XMP, "CreateDate")));
        if (ifd0 != null) {
            offer(out, exifTime(ifd0, ExifDirectoryBase.TAG_DATETIME, ExifDirectoryBase.TAG_SUBSECOND_TIME,
                    ExifDirectoryBase.TAG_TIME_ZONE));
        }
    }

    private static void offer(MetadataBuilder out, Dates.Local local) {
        if (local != null) {
            out.captured(local.time(), local.offset());
        }
    }

    /** An EXIF date-time with its sub-seconds and offset tags. */
    private static Dates.Local exifTime(Directory d, int timeTag, int subSecondTag, int offsetTag) {
        Dates.Local local = Dates.dateTime(d.getString(timeTag));
        if (local == null) {
            return null;
        }
        LocalDateTime time = local.time();
        String subSeconds = d.getString(subSecondTag);
        if (subSeconds != null && subSeconds.strip().matches("\\d{1,9}") && time.getNano() == 0) {
            time = time.withNano(Integer.parseInt((subSeconds.strip() + "00000000").substring(0, 9)));
        }
        ZoneOffset offset = local.offset() != null ? local.offset() : Dates.offset(d.getString(offsetTag));
        return new Dates.Local(time, offset);
    }

    /**
     * The offset between a local capture time and the GPS time stamp (UTC) of the same picture, when
     * the two are within ±14 hours and, rounded to the quarter hour, no more than 3 minutes apart (a
     * GPS fix is taken near, not exactly at, the moment of the picture).
     */
    private static ZoneOffset gpsOffset(LocalDateTime local, GpsDirectory gps) {
        if (gps == null) {
            return null;
        }
        String date = gps.getString(GpsDirectory.TAG_DATE_STAMP);
        Rational[] time = gps.getRationalArray(GpsDirectory.TAG_TIME_STAMP);
        Dates.Local day = Dates.dateTime(date);
        if (day == null || time == null || time.length != 3) {
            return null;
        }
        double seconds = time[0].doubleValue() * 3600 + time[1].doubleValue() * 60 + time[2].doubleValue();
        if (!(seconds >= 0 && seconds < 86_400)) {
            return null;
        }
        LocalDateTime utc = day.time().toLocalDate().atStartOfDay().plusSeconds((long) seconds);
        long minutes = Duration.between(utc, local).toMinutes();
        long quarter = Math.round(minutes / 15.0) * 15;
        if (Math.abs(quarter) > 14 * 60 || Math.abs(minutes - quarter) > 3) {
            return null;
        }
        return ZoneOffset.ofTotalSeconds((int) quarter * 60);
    }

    private static void location(GpsDirectory gps, XMPMeta xmp, MetadataBuilder out) {
        if (gps != null) {
            GeoLocation location = gps.getGeoLocation();
            if (location != null && !location.isZero()) {
                out.location(location.getLatitude(), location.getLongitude());
            }
            Rational altitude = gps.getRational(GpsDirectory.TAG_ALTITUDE);
            if (altitude != null && out.hasLocation()) {
                Integer ref = gps.getInteger(GpsDirectory.TAG_ALTITUDE_REF);
                out.altitude(round(altitude.doubleValue() * (ref != null && ref == 1 ? -1 : 1), 2));
            }
        }
        out.location(xmpCoordinate(xmpText(xmp, NS_EXIF, "GPSLatitude")),
                xmpCoordinate(xmpText(xmp, NS_EXIF, "GPSLongitude")));
    }

    /** XMP's {@code DDD,MM.mmmK} or {@code DDD,MM,SSK}; null when malformed. */
    static Double xmpCoordinate(String text) {
        if (text == null || !text.strip().matches("\\d{1,3},\\d{1,2}(?:\\.\\d+)?(?:,\\d{1,2}(?:\\.\\d+)?)?[NSEW]")) {
            return null;
        }
        String t = text.strip();
        char hemisphere = t.charAt(t.length() - 1);
        String[] parts = t.substring(0, t.length() - 1).split(",");
        double value = Double.parseDouble(parts[0]) + Double.parseDouble(parts[1]) / 60
                + (parts.length == 3 ? Double.parseDouble(parts[2]) / 3600 : 0);
        return hemisphere == 'S' || hemisphere == 'W' ? -value : value;
    }

    private static void camera(ExifIFD0Directory ifd0, ExifSubIFDDirectory exif, XMPMeta xmp, MetadataBuilder out) {
        if (ifd0 != null) {
            out.make(ifd0.getString(ExifDirectoryBase.TAG_MAKE)).model(ifd0.getString(ExifDirectoryBase.TAG_MODEL))
                    .orientation(ifd0.getInteger(ExifDirectoryBase.TAG_ORIENTATION));
        }
        out.make(xmpText(xmp, XMPConst.NS_TIFF, "Make")).model(xmpText(xmp, XMPConst.NS_TIFF, "Model"));
        if (exif != null) {
            out.lens(exif.getString(ExifDirectoryBase.TAG_LENS_MODEL));
            Rational exposure = exif.getRational(ExifDirectoryBase.TAG_EXPOSURE_TIME);
            if (exposure != null && exposure.doubleValue() > 0 && Double.isFinite(exposure.doubleValue())) {
                out.exposureTime(exposureTime(exposure.doubleValue()));
            }
            Rational f = exif.getRational(ExifDirectoryBase.TAG_FNUMBER);
            if (f != null) {
                out.fNumber(round(f.doubleValue(), 2));
            }
            Rational aperture = exif.getRational(ExifDirectoryBase.TAG_APERTURE);
            if (aperture != null) {
                out.fNumber(round(Math.pow(2, aperture.doubleValue() / 2), 1));
            }
            int[] iso = exif.getIntArray(ExifDirectoryBase.TAG_ISO_EQUIVALENT);
            if (iso != null && iso.length > 0) {
                out.iso(iso[0]);
            }
            Rational focal = exif.getRational(ExifDirectoryBase.TAG_FOCAL_LENGTH);
            if (focal != null) {
                out.focalLength(round(focal.doubleValue(), 2));
            }
        }
        out.lens(xmpText(xmp, NS_EXIF_EX, "LensModel")).lens(xmpText(xmp, NS_AUX, "Lens"));
    }

    /** As photographers write it: fractions of a second below 1/4 s, else seconds to one decimal. */
    static String exposureTime(double seconds) {
        if (seconds < 0.25001) {
            return "1/" + Math.round(1 / seconds);
        }
        double tenths = Math.round(seconds * 10) / 10.0;
        return tenths == Math.rint(tenths) ? Long.toString((long) tenths) : Double.toString(tenths);
    }

    private static void descriptive(ExifIFD0Directory ifd0, IptcDirectory iptc, XMPMeta xmp, MetadataBuilder out) {
        if (xmp != null) {
            out.title(localized(xmp, XMPConst.NS_DC, "title")).description(localized(xmp, XMPConst.NS_DC, "description"))
                    .keywords(items(xmp, XMPConst.NS_DC, "subject"));
            String rating = xmpText(xmp, XMPConst.NS_XMP, "Rating");
            if (rating != null) {
                try {
                    out.rating((int) Math.round(Double.parseDouble(rating.strip())));
                } catch (NumberFormatException e) {
                    // Not a number: no rating.
                }
            }
        }
        if (iptc != null) {
            out.title(iptc.getString(IptcDirectory.TAG_OBJECT_NAME)).description(iptc.getString(IptcDirectory.TAG_CAPTION));
            String[] keywords = iptc.getStringArray(IptcDirectory.TAG_KEYWORDS);
            if (keywords != null) {
                out.keywords(Arrays.asList(keywords));
            }
        }
        if (ifd0 != null) {
            out.title(ifd0.getDescription(ExifDirectoryBase.TAG_WIN_TITLE));
            String description = ifd0.getString(ExifDirectoryBase.TAG_IMAGE_DESCRIPTION);
            if (description != null && !CAMERA_DEFAULTS.contains(description.strip())) {
                out.description(description);
            }
            out.description(ifd0.getDescription(ExifDirectoryBase.TAG_WIN_COMMENT));
            String keywords = ifd0.getDescription(ExifDirectoryBase.TAG_WIN_KEYWORDS);
            if (keywords != null) {
                out.keywords(Arrays.asList(keywords.split(";")));
            }
            out.rating(ifd0.getInteger(ExifDirectoryBase.TAG_RATING));
        }
    }

    private static XMPMeta xmp(Metadata metadata) {
        for (XmpDirectory d : metadata.getDirectoriesOfType(XmpDirectory.class)) {
            if (d.getXMPMeta() != null) {
                return d.getXMPMeta();
            }
        }
        return null;
    }

    private static String xmpText(XMPMeta xmp, String namespace, String property) {
        if (xmp == null) {
            return null;
        }
        try {
            return xmp.getPropertyString(namespace, property);
        } catch (XMPException e) {
            return null;
        }
    }

    private static String localized(XMPMeta xmp, String namespace, String property) {
        try {
            XMPProperty text = xmp.getLocalizedText(namespace, property, null, XMPConst.X_DEFAULT);
            return text == null ? null : text.getValue();
        } catch (XMPException e) {
            return null;
        }
    }

    private static List<String> items(XMPMeta xmp, String namespace, String property) {
        List<String> values = new ArrayList<>();
        try {
            int count = Math.min(xmp.countArrayItems(namespace, property), MetadataBuilder.MAX_KEYWORDS);
            for (int i = 1; i <= count; i++) {
                XMPProperty item = xmp.getArrayItem(namespace, property, i);
                if (item != null) {
                    values.add(item.getValue());
                }
            }
        } catch (XMPException e) {
            return values;
        }
        return values;
    }

    /** Every directory but the file system's (which holds the stored file's name). */
    static void dump(Metadata metadata, RawDump raw) {
        for (Directory directory : metadata.getDirectories()) {
            if (directory instanceof FileSystemDirectory || directory instanceof ExifThumbnailDirectory
                    && directory.getTagCount() == 0) {
                continue;
            }
            RawDump.Directory out = raw.directory(directory.getName());
            if (directory instanceof XmpDirectory xmp) {
                xmp.getXmpProperties().forEach(out::put);
            } else {
                for (Tag tag : directory.getTags()) {
                    out.put(tag.getTagName(), description(directory, tag));
                }
            }
            for (String error : directory.getErrors()) {
                out.put("Error", error);
            }
        }
    }

    private static String description(Directory directory, Tag tag) {
        try {
            String description = tag.getDescription();
            return description != null ? description : directory.getString(tag.getTagType());
        } catch (RuntimeException e) {
            // A descriptor that trips over odd values: the plain value is still worth keeping.
            return directory.getString(tag.getTagType());
        }
    }

    static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
