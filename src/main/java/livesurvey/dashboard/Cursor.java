package livesurvey.dashboard;

import com.fasterxml.jackson.annotation.JsonProperty;
import livesurvey.web.ApiException;
import livesurvey.web.Json;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * An opaque paging cursor: the sort it belongs to, a position in the sorted list, the offset of
 * the next item to show, whether it reads forward (next page) or backward (previous page), and
 * where the segment without values begins (when known).
 */
record Cursor(@JsonProperty("s") String sort, @JsonProperty("d") String dir, @JsonProperty("f") String filter,
              @JsonProperty("p") Position position, @JsonProperty("o") long offset,
              @JsonProperty("b") boolean backward, @JsonProperty("k") Long tailStart) {

    /** Where an item stands: segment 0 has a value (kept as text), segment 1 has none. */
    record Position(@JsonProperty("g") int segment, @JsonProperty("v") String value, @JsonProperty("i") long id) {
        static Position of(Listed item) {
            return new Position(item.sortKey() == null ? 1 : 0, item.sortKey(), item.id());
        }
    }

    String encode() {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Json.MAPPER.writeValueAsBytes(this));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Cursor decode(String text) {
        try {
            Cursor c = Json.MAPPER.readValue(Base64.getUrlDecoder().decode(text.getBytes(StandardCharsets.US_ASCII)),
                    Cursor.class);
            if (c.sort == null || c.dir == null || c.position == null || c.offset < 0
                    || c.position.segment < 0 || c.position.segment > 1
                    || (c.tailStart != null && (c.tailStart < 0 || c.tailStart > c.offset))) {
                throw new IllegalArgumentException("incomplete");
            }
            return c;
        } catch (Exception e) {
            throw new ApiException(400, "Bad cursor: use nextCursor or prevCursor from a previous page", "cursor", null);
        }
    }
}
