package dev.arca.library.internal;

import dev.arca.library.Item;
import dev.arca.library.ItemMetadata;
import dev.arca.media.EditList;
import dev.arca.media.MediaMetadata;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** Maps rows of {@code items} joined with {@code item_metadata} to {@link Item}. */
public final class ItemRows {

    /** The columns {@link #item} reads, for {@code SELECT ... FROM items i LEFT JOIN item_metadata m}. */
    public static final String COLUMNS = "i.id, i.filename, i.kind, i.content_type, i.size, i.sha256, i.version_no, "
            + "i.created_at, i.updated_at, i.taken_at, i.trashed_at, i.title, i.description, i.rating, "
            + "i.user_captured_at, i.user_latitude, i.user_longitude, i.edits, "
            + "m.state, m.error, m.captured_at, m.captured_offset, m.latitude AS m_latitude, m.longitude AS m_longitude, "
            + "m.altitude, m.make, m.model, m.lens, m.exposure_time, m.f_number, m.iso, m.focal_length, m.orientation, "
            + "m.width, m.height, m.title AS m_title, m.description AS m_description, m.keywords, m.rating AS m_rating, "
            + "m.duration_ms, m.frame_rate, m.video_codec, m.audio_codec, m.bitrate, m.sample_rate, m.channels, "
            + "m.artist, m.album, m.genre, m.track, m.release_year, m.has_cover";

    private ItemRows() {}

    public static Item item(ResultSet rs, List<String> tags) throws SQLException {
        return new Item(rs.getString("id"), rs.getString("filename"), rs.getString("kind"),
                rs.getString("content_type"), rs.getLong("size"), rs.getString("sha256"), rs.getInt("version_no"),
                instant(rs, "created_at"), instant(rs, "updated_at"), instant(rs, "taken_at"),
                instant(rs, "trashed_at"), rs.getString("title"), rs.getString("description"),
                integer(rs, "rating"), tags, instant(rs, "user_captured_at"), decimal(rs, "user_latitude"),
                decimal(rs, "user_longitude"), edits(rs.getString("edits")), metadata(rs));
    }

    private static ItemMetadata metadata(ResultSet rs) throws SQLException {
        String keywords = rs.getString("keywords");
        MediaMetadata fields = new MediaMetadata(instant(rs, "captured_at"), rs.getString("captured_offset"),
                decimal(rs, "m_latitude"), decimal(rs, "m_longitude"), decimal(rs, "altitude"), rs.getString("make"),
                rs.getString("model"), rs.getString("lens"), rs.getString("exposure_time"), decimal(rs, "f_number"),
                integer(rs, "iso"), decimal(rs, "focal_length"), integer(rs, "orientation"), integer(rs, "width"),
                integer(rs, "height"), rs.getString("m_title"), rs.getString("m_description"),
                keywords == null ? null : Arrays.asList(keywords.split("\n")), integer(rs, "m_rating"),
                longOrNull(rs, "duration_ms"), decimal(rs, "frame_rate"), rs.getString("video_codec"),
                rs.getString("audio_codec"), integer(rs, "bitrate"), integer(rs, "sample_rate"),
                integer(rs, "channels"), rs.getString("artist"), rs.getString("album"), rs.getString("genre"),
                integer(rs, "track"), integer(rs, "release_year"), bool(rs, "has_cover"));
        return new ItemMetadata(rs.getString("state"), rs.getString("error"), fields);
    }

    private static EditList edits(String text) {
        return text == null || text.isEmpty() ? null : EditList.parse(text);
    }

    public static Instant instant(ResultSet rs, String column) throws SQLException {
        long millis = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
    }

    static Integer integer(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }

    static Long longOrNull(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    static Double decimal(ResultSet rs, String column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : value;
    }

    static Boolean bool(ResultSet rs, String column) throws SQLException {
        boolean value = rs.getBoolean(column);
        return rs.wasNull() ? null : value;
    }
}
