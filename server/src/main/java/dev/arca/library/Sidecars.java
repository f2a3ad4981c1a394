package dev.arca.library;

import dev.arca.media.MediaMetadata;
import dev.arca.media.XmpSidecar;
import dev.arca.privacy.ExportContribution;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * XMP sidecars of the user's own values (title, description, tags, rating, corrected date
 * and place), for download beside an item and in the account export, so photo tools can
 * take them over.
 */
@Component
public class Sidecars implements ExportContribution {

    private final JdbcClient jdbc;
    private final Library library;

    Sidecars(JdbcClient jdbc, Library library) {
        this.jdbc = jdbc;
        this.library = library;
    }

    public static String xmp(Item item) {
        boolean place = item.latitude() != null && item.longitude() != null;
        MediaMetadata values = new MediaMetadata(item.capturedAt(), null, place ? item.latitude() : null,
                place ? item.longitude() : null, null, null, null, null, null, null, null, null, null, null, null,
                item.title(), item.description(), null, item.rating(), null, null, null, null, null, null, null, null,
                null, null, null, null, null);
        return XmpSidecar.write(values, item.tags());
    }

    @Override
    public void write(String subjectId, Sink sink) throws IOException {
        List<String> ids = jdbc.sql("SELECT id FROM items WHERE account_id = ? ORDER BY created_at, id")
                .param(subjectId).query(String.class).list();
        for (String id : ids) {
            Item item = library.find(subjectId, id).orElseThrow();
            sink.file("items/" + id + ".xmp", xmp(item).getBytes(StandardCharsets.UTF_8));
        }
    }
}
