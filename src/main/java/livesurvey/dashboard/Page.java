package livesurvey.dashboard;

import java.util.List;

/** One page of the sorted responses, with where it stands in the whole list. */
public record Page(long total, long offset, List<Row> items, String nextCursor, String prevCursor) {
}
