package dev.arca.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.adobe.internal.xmp.XMPConst;
import com.adobe.internal.xmp.XMPMeta;
import com.adobe.internal.xmp.XMPMetaFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class XmpSidecarTest {

    private static final String NS_EXIF = "http://ns.adobe.com/exif/1.0/";
    private static final String HOSTILE_TITLE = "Fish <&\"> Chips";

    @TempDir
    Path dir;

    /** The values sidecar-exiftool.xmp was written with by make-fixtures.sh. */
    private static MediaMetadata values() {
        return new MediaMetadata(Instant.parse("2024-05-17T12:03:21Z"), "+02:00", 52.516275, 13.377704, null, null,
                null, null, null, null, null, null, null, null, null, HOSTILE_TITLE, "Line one", null, 3, null, null,
                null, null, null, null, null, null, null, null, null, null, null);
    }

    private static final List<String> TAGS = List.of("food", "<b>bold</b>", "food", " ");

    @Test
    void aHostileTitleRoundTripsThroughAnXmlParser() throws Exception {
        String xmp = XmpSidecar.write(values(), TAGS);
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document doc = factory.newDocumentBuilder().parse(new ByteArrayInputStream(xmp.getBytes(StandardCharsets.UTF_8)));
        assertThat(doc.getElementsByTagNameNS(XMPConst.NS_DC, "title").item(0).getTextContent().strip())
                .isEqualTo(HOSTILE_TITLE);
        assertThat(doc.getElementsByTagNameNS(XMPConst.NS_DC, "subject").item(0).getTextContent())
                .contains("<b>bold</b>");
    }

    @Test
    void readsAsTheSameXmpThatExifToolWritesForTheSameValues() throws Exception {
        XMPMeta ours = XMPMetaFactory.parseFromString(XmpSidecar.write(values(), TAGS));
        XMPMeta exiftool = XMPMetaFactory.parseFromString(
                Files.readString(Fixtures.path("sidecar-exiftool.xmp"), StandardCharsets.UTF_8));
        for (XMPMeta xmp : List.of(ours, exiftool)) {
            assertThat(xmp.getLocalizedText(XMPConst.NS_DC, "title", null, XMPConst.X_DEFAULT).getValue())
                    .isEqualTo(HOSTILE_TITLE);
        }
        assertThat(subjects(ours)).isEqualTo(subjects(exiftool)).containsExactly("food", "<b>bold</b>");
        assertThat(ours.getLocalizedText(XMPConst.NS_DC, "description", null, XMPConst.X_DEFAULT).getValue())
                .isEqualTo(exiftool.getLocalizedText(XMPConst.NS_DC, "description", null, XMPConst.X_DEFAULT).getValue());
        for (String property : List.of("DateTimeOriginal", "GPSLatitude", "GPSLongitude")) {
            assertThat(ours.getPropertyString(NS_EXIF, property)).as(property)
                    .isEqualTo(exiftool.getPropertyString(NS_EXIF, property));
        }
        assertThat(ours.getPropertyInteger(XMPConst.NS_XMP, "Rating"))
                .isEqualTo(exiftool.getPropertyInteger(XMPConst.NS_XMP, "Rating"));
    }

    @Test
    void arcaReadsItsOwnSidecarValuesBack() throws Exception {
        MediaMetadata written = new MediaMetadata(Instant.parse("2021-06-30T22:15:00Z"), "-05:00", -12.5, -77.25,
                -3.25, null, null, null, null, null, null, null, null, null, null, "T\u0001itle", "D", null, 0, null,
                null, null, null, null, null, null, null, null, null, null, null, null);
        XMPMeta xmp = XMPMetaFactory.parseFromString(XmpSidecar.write(written, List.of()));
        // The control character cannot exist in XML and is left out; the rest is kept.
        assertThat(xmp.getLocalizedText(XMPConst.NS_DC, "title", null, XMPConst.X_DEFAULT).getValue()).isEqualTo("Title");
        assertThat(xmp.getPropertyString(NS_EXIF, "DateTimeOriginal")).isEqualTo("2021-06-30T17:15:00-05:00");
        assertThat(ImageFields.xmpCoordinate(xmp.getPropertyString(NS_EXIF, "GPSLatitude"))).isEqualTo(-12.5);
        assertThat(ImageFields.xmpCoordinate(xmp.getPropertyString(NS_EXIF, "GPSLongitude"))).isEqualTo(-77.25);
        assertThat(xmp.getPropertyString(NS_EXIF, "GPSAltitude")).isEqualTo("325/100");
        assertThat(xmp.getPropertyString(NS_EXIF, "GPSAltitudeRef")).isEqualTo("1");
        assertThat(xmp.getPropertyInteger(XMPConst.NS_XMP, "Rating")).isEqualTo(0);
        assertThat(xmp.doesPropertyExist(XMPConst.NS_DC, "subject")).isFalse();
    }

    @Test
    void exifToolReadsTheSidecarWhenItIsInstalled() throws Exception {
        assumeTrue(dev.arca.support.Programs.onPath("exiftool"), "exiftool is not installed");
        Path sidecar = Files.writeString(dir.resolve("photo.xmp"), XmpSidecar.write(values(), TAGS));
        Process process = new ProcessBuilder("/usr/bin/exiftool", "-s3", "-XMP-dc:Title", "-XMP-dc:Subject",
                "-XMP-exif:GPSLatitude#", sidecar.toString()).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(out.lines().toList()).containsExactly(HOSTILE_TITLE, "food, <b>bold</b>", "52.516275");
    }

    private static List<String> subjects(XMPMeta xmp) throws Exception {
        List<String> values = new ArrayList<>();
        for (int i = 1; i <= xmp.countArrayItems(XMPConst.NS_DC, "subject"); i++) {
            values.add(xmp.getArrayItem(XMPConst.NS_DC, "subject", i).getValue());
        }
        return values;
    }
}
