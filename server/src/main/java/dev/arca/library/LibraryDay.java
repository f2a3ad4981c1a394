package dev.arca.library;

import java.util.List;

/**
 * A day of the library grid: its date (ISO, UTC) and the items taken that day, newest first, each
 * with the address of its thumbnail (versioned by content, so browsers keep it for good).
 */
public record LibraryDay(String date, List<Tile> tiles) {

    /** One thumbnail of the grid. */
    public record Tile(String id, String label, String kind, String thumbnail) {

        static Tile of(Item item) {
            return new Tile(item.id(), item.title() != null && !item.title().isBlank() ? item.title() : item.filename(),
                    item.kind(), "/library/items/" + item.id() + "/thumbnail?v=" + ItemPages.previewVersion(item));
        }
    }
}
