package livesurvey.live;

import livesurvey.survey.Survey;
import livesurvey.web.ApiException;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The sync API: a survey's changes after a cursor, read from the change feed up to this
 * instance's watermark — every id at or below it has committed (or was given up on, and is
 * announced again under a new id if it commits after all), so a client that keeps the returned
 * cursor sees every change once it has committed, however commits interleave. Each item is the
 * response as it is now, so a client applying items in order ends with the database's state.
 */
public final class ChangeSync {
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1_000;

    private final ChangeDao changes;
    private final ChangeFollower follower;
    private final LiveViews views;

    public ChangeSync(ChangeDao changes, ChangeFollower follower, LiveViews views) {
        this.changes = changes;
        this.follower = follower;
        this.views = views;
    }

    /** The cursor that stands for "now": an export taken after reading it is in sync up to it. */
    public String cursor() {
        return Long.toString(follower.position());
    }

    public SyncPage page(Survey survey, String after, String limitText) {
        long cursor = parseCursor(after);
        int limit = parseLimit(limitText);
        long upTo = follower.position();
        if (cursor >= upTo) {
            return new SyncPage(List.of(), Long.toString(cursor)); // caught up (or ahead of this instance)
        }
        if (pruned(cursor, upTo)) {
            throw new ApiException(410, "This cursor is older than the change feed keeps (LIVESURVEY_FEED_RETENTION). "
                    + "Download a full export (GET /api/surveys/{slug}/export.json); its LiveSurvey-Cursor header is "
                    + "the cursor to sync from after it.", "after", Map.of("export", "/api/surveys/" + survey.slug()
                    + "/export.json", "header", "LiveSurvey-Cursor"));
        }
        List<Change> read = changes.between(survey.id(), cursor, upTo, limit);
        // Latest change last: a response changed twice in the page is one item, placed by its latest change.
        Set<Long> ids = new LinkedHashSet<>();
        for (Change c : read) {
            if (Change.FORGOT.equals(c.kind())) {
                continue; // a browser forgot its identity: the response itself did not change
            }
            ids.remove(c.responseId());
            ids.add(c.responseId());
        }
        Map<Long, ?> rows = ids.isEmpty() ? Map.of() : views.rows(survey, ids);
        List<SyncPage.Item> items = new ArrayList<>();
        for (Long id : ids) {
            Object row = rows.get(id);
            items.add(row == null ? SyncPage.Item.deleted(id) : SyncPage.Item.changed(id, row));
        }
        long next = read.size() == limit ? read.get(read.size() - 1).id() : upTo;
        return new SyncPage(items, Long.toString(next));
    }

    /** Changes after the cursor were pruned when the oldest kept is beyond the next id (or none are kept at all). */
    private boolean pruned(long cursor, long upTo) {
        return changes.oldest().map(oldest -> oldest > cursor + 1).orElse(upTo > cursor);
    }

    private static long parseCursor(String after) {
        if (after == null || after.isBlank()) {
            return 0;
        }
        try {
            long cursor = Long.parseLong(after.trim());
            if (cursor >= 0) {
                return cursor;
            }
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw new ApiException(400, "after must be a cursor: a nextCursor, or the LiveSurvey-Cursor header of an export",
                "after", null);
    }

    private static int parseLimit(String text) {
        if (text == null || text.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(text.trim());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw new ApiException(400, "limit must be a whole number from 1 to " + MAX_LIMIT, "limit", null);
    }
}
