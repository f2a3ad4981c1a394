package dev.arca.library;

import dev.arca.privacy.DataMapContribution;
import dev.arca.privacy.DataTable;
import dev.arca.privacy.Purpose;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The library's tables. Everything a user stores, and everything found in or said about it,
 * is theirs: personal, held to provide storage (I.2e), exported and erased with the account.
 */
@Component
class LibraryDataMap implements DataMapContribution {

    private static final String ITEM_LIFE = "until the item is purged from the trash or the account is erased";
    private static final Purpose P = Purpose.CONTENT_STORAGE;

    @Override
    public List<DataTable> tables() {
        return List.of(
                table("chunks", "content address", "until no version uses the content",
                        "account_id", "hash", "size", "touched_at", "pack", "pack_offset", "sealed_length"),
                table("chunk_holds", "content address", "until the transfer or backup that needs the content ends",
                        "account_id", "holder", "hash"),
                table("items", "item", ITEM_LIFE,
                        "id", "account_id", "filename", "kind", "content_type", "size", "sha256", "version_no",
                        "created_at", "updated_at", "taken_at", "trashed_at", "title", "description", "rating",
                        "user_captured_at", "user_latitude", "user_longitude", "edits", "terms_version"),
                table("timeline_days", "timeline order", "as long as the account exists", "account_id", "day",
                        "items"),
                table("timeline_clocks", "timeline order", "as long as the account exists", "account_id", "seq"),
                table("timeline_moves", "timeline order", "a day (docs/search.md, Paging)", "account_id", "seq",
                        "item_id", "from_taken_at", "moved_at"),
                table("search_terms", "search index of the item's text", ITEM_LIFE, "item_id", "account_id", "term"),
                table("item_versions", "item version", ITEM_LIFE,
                        "id", "item_id", "account_id", "version_no", "filename", "kind", "content_type", "size",
                        "sha256", "created_at"),
                table("version_chunks", "content manifest", ITEM_LIFE,
                        "version_id", "account_id", "seq", "byte_offset", "length", "hash"),
                table("item_metadata", "metadata embedded in the file", ITEM_LIFE,
                        "item_id", "account_id", "state", "error", "attempts", "next_attempt_at", "extracted_at",
                        "captured_at", "captured_offset", "latitude", "longitude", "altitude", "make", "model", "lens",
                        "exposure_time", "f_number", "iso", "focal_length", "orientation", "width", "height", "title",
                        "description", "keywords", "rating", "duration_ms", "frame_rate", "video_codec", "audio_codec",
                        "bitrate", "sample_rate", "channels", "artist", "album", "genre", "track", "release_year",
                        "has_cover", "raw"),
                table("tags", "tag", "until the tag is deleted or the account is erased",
                        "id", "account_id", "name", "created_at"),
                table("item_tags", "tag", ITEM_LIFE, "item_id", "tag_id", "account_id"),
                table("albums", "album", "until the album is deleted or the account is erased",
                        "id", "account_id", "name", "description", "cover_item_id", "created_at", "updated_at"),
                table("album_items", "album", "until removed from the album",
                        "album_id", "item_id", "account_id", "position", "added_at"),
                table("uploads", "upload in progress", "until finished, cancelled or expired (24 hours by default)",
                        "id", "account_id", "length", "received", "filename", "metadata", "item_id", "created_at",
                        "expires_at"),
                table("account_quotas", "account", "as long as the account exists", "account_id", "quota_bytes"));
    }

    private static DataTable table(String name, String category, String retention, String... columns) {
        return DataTable.personalOfSubject(name, "account_id", category, P, retention, columns);
    }
}
