package dev.arca.library;

import dev.arca.platform.ArcaPrincipal;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.CheckedOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The signed-in account's original files as one ZIP (right of access and portability, I.2i), the
 * second download beside the data export: every version of every item, trashed ones too, each
 * current version with its XMP sidecar as the data export writes it ({@link Sidecars#xmp}).
 *
 * <p>Entry names are built here from the item id and the stored file name, cleaned to one plain
 * name ({@link #safeName}); nothing from the request names an entry or a file. Files are STORED:
 * media are compressed already, and the entry is the file's bytes as uploaded. A stored entry
 * needs its CRC before its bytes, so each version is read twice, chunk by chunk, through the
 * library: memory holds one chunk at a time whatever the size of a file.
 */
@RestController
class OriginalsExport {

    private static final int LONGEST_NAME = 120;

    private final JdbcClient jdbc;
    private final Library library;

    OriginalsExport(JdbcClient jdbc, Library library) {
        this.jdbc = jdbc;
        this.library = library;
    }

    /** Streams the ZIP on the request thread: an async dispatch would lose the bearer authentication. */
    @GetMapping("/api/v1/me/export/originals")
    void download(@AuthenticationPrincipal ArcaPrincipal me, HttpServletResponse response) throws IOException {
        response.setContentType("application/zip");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"arca-originals.zip\"");
        write(me.accountId(), response.getOutputStream());
    }

    /** Writes the account's originals to {@code out}; the caller closes {@code out}. */
    void write(String accountId, OutputStream out) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(out);
        zip.putNextEntry(new ZipEntry("README.txt"));
        zip.write(("Your original files, as you uploaded them. originals/<item id>-<file name> is the current "
                + "version of each item and <that name>.xmp what you wrote about it (title, description, tags, "
                + "rating, date, place) as an XMP sidecar that photo tools read; originals/<item id>-v<n>-<file name> "
                + "are earlier versions.\n").getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
        List<String> items = jdbc.sql("SELECT id FROM items WHERE account_id = ? ORDER BY created_at, id")
                .param(accountId).query(String.class).list();
        for (String itemId : items) {
            Item item = library.find(accountId, itemId).orElse(null);
            if (item == null) {
                continue; // purged since the list was read
            }
            String prefix = "originals/" + itemId.replaceAll("[^A-Za-z0-9-]", "_") + "-";
            for (Library.Version version : library.versions(accountId, itemId)) {
                boolean current = version.version() == item.version();
                String name = prefix + (current ? "" : "v" + version.version() + "-") + safeName(version.filename());
                stored(zip, accountId, version, name);
                if (current) {
                    ZipEntry sidecar = new ZipEntry(name + ".xmp");
                    sidecar.setTime(item.updatedAt().toEpochMilli());
                    zip.putNextEntry(sidecar);
                    zip.write(Sidecars.xmp(item).getBytes(StandardCharsets.UTF_8));
                    zip.closeEntry();
                }
            }
        }
        zip.finish();
    }

    private void stored(ZipOutputStream zip, String accountId, Library.Version version, String name)
            throws IOException {
        CRC32 crc = new CRC32();
        copy(accountId, version, new CheckedOutputStream(OutputStream.nullOutputStream(), crc));
        ZipEntry entry = new ZipEntry(name);
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(version.size());
        entry.setCompressedSize(version.size());
        entry.setCrc(crc.getValue());
        entry.setTime(version.createdAt().toEpochMilli());
        zip.putNextEntry(entry);
        copy(accountId, version, zip);
        zip.closeEntry();
    }

    private void copy(String accountId, Library.Version version, OutputStream out) throws IOException {
        if (version.size() > 0) {
            library.read(accountId, version.id(), 0, version.size() - 1, out);
        }
    }

    /**
     * A stored file name as one plain entry name: its last path segment only, letters, digits,
     * spaces and {@code . , - _ ( ) +} kept and anything else an underscore, no leading dot,
     * at most {@value #LONGEST_NAME} characters with the extension kept; "file" when nothing is left.
     */
    static String safeName(String filename) {
        String base = filename == null ? "" : filename.substring(
                Math.max(filename.lastIndexOf('/'), filename.lastIndexOf('\\')) + 1);
        String clean = base.replaceAll("[^\\p{L}\\p{N} .,_()+-]", "_").replaceAll("^[. ]+", "").strip();
        if (clean.length() > LONGEST_NAME) {
            int dot = clean.lastIndexOf('.');
            String extension = dot > 0 && clean.length() - dot <= 16 ? clean.substring(dot) : "";
            clean = clean.substring(0, LONGEST_NAME - extension.length()) + extension;
        }
        return clean.isEmpty() ? "file" : clean;
    }
}
