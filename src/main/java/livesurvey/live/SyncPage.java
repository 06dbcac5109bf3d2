package livesurvey.live;

import java.util.List;

/** A page of the sync API: responses changed since the cursor, oldest first, and the cursor to continue from. */
public record SyncPage(List<Item> items, String nextCursor) {

    /** A response as it is now ({@code type} "response", with its row), or one that was deleted ("deleted"). */
    public record Item(String type, long id, Object response) {
        static Item changed(long id, Object row) {
            return new Item("response", id, row);
        }

        static Item deleted(long id) {
            return new Item("deleted", id, null);
        }
    }
}
