package livesurvey.dashboard;

import livesurvey.survey.Survey;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

import java.util.ArrayList;
import java.util.List;

/**
 * Keyset reads of the sorted response list, walking its segments forward or backward from a
 * position. Every statement is a range read on an index named for it, so a page costs the same at
 * row 10 and at row 1,000,000. SQL text is built only from the whitelisted {@link Sort} columns.
 *
 * <p>Each statement names its index (FORCE INDEX on MySQL/MariaDB, USE INDEX on H2): measured on
 * MariaDB 10.11 at 1,000,000 responses, the optimizer otherwise picks a ref scan on survey_id alone
 * for some of them and filters its way to the position, up to a second for a page deep in the list;
 * H2 at 140,000 did the same for the time sorts (scanCount 140,001 for a page of 26).
 */
final class PageQuery {
    private static final String COLUMNS =
            "r.id, r.current_step, r.editing_key, r.started_at, r.updated_at, r.completed_at";

    private final boolean mysql;

    PageQuery(boolean mysql) {
        this.mysql = mysql;
    }

    /** Names the index: FORCE on MySQL/MariaDB, USE on H2 (whose own choice at 140,000 was survey_id alone). */
    private String use(String index) {
        return (mysql ? " FORCE INDEX (" : " USE INDEX (") + index + ")";
    }

    /**
     * Where a walk stands in the whole list: {@code index} is the list offset of the first item to
     * read (forward) or of {@code from} (backward); {@code total} the list's length; {@code tailStart}
     * the offset where segment 1 begins, once known. With them a walk knows how many items segment 1
     * has left, and stops there instead of scanning on for items that do not exist.
     */
    record Walk(long index, long total, Long tailStart) {
    }

    /** The items read, in walking order, and the offset where segment 1 begins if the walk learned it. */
    record Fetched(List<Listed> items, Long tailStart) {
    }

    /** Up to {@code limit} items after (forward) or before (backward) {@code from}, in walking order. */
    Fetched fetch(Handle h, Survey survey, Sort sort, Sort.Filter filter, Cursor.Position from, boolean forward,
                  int limit, Walk walk) {
        List<Listed> out = new ArrayList<>();
        Long tailStart = walk.tailStart();
        int segment = from != null ? from.segment() : forward ? 0 : sort.segments() - 1;
        Cursor.Position position = from;
        while (out.size() < limit && segment >= 0 && segment < sort.segments()) {
            int want = limit - out.size();
            if (segment == 1) {
                if (forward && tailStart == null) {
                    tailStart = walk.index() + out.size();
                }
                long left = forward ? walk.total() - (walk.index() + out.size())
                        : tailStart == null ? want : walk.index() - tailStart;
                want = (int) Math.max(0, Math.min(want, left));
            }
            if (want > 0) {
                out.addAll(segment(h, survey, sort, filter, segment, position, forward, want));
            }
            segment += forward ? 1 : -1;
            position = null;
        }
        return new Fetched(out, tailStart);
    }

    /** Which part of segment 0 a statement reads; each is one index range. */
    private enum Part {
        /** From the start of the segment (no position yet). */
        ALL,
        /** The position's own value, past its id. */
        SAME_VALUE,
        /** The values beyond the position's. */
        BEYOND,
        /** Both of the above as one OR (MySQL/MariaDB). */
        EITHER
    }

    /**
     * A keyset position is read as two ranges, the same value past the id and then the values beyond,
     * instead of one {@code v > :v OR (v = :v AND id > :id)}: MariaDB turns the OR into those two
     * ranges itself, but H2 reads it as one range from the value on and filters its way past the id
     * (EXPLAIN ANALYZE at 140,000 responses, gender page: scanCount 6,706 for 26 rows), so a deep
     * page cost H2 its position in the value. Each range alone reads only the rows it returns.
     */
    private List<Listed> segment(Handle h, Survey survey, Sort sort, Sort.Filter filter, int segment,
                                 Cursor.Position from, boolean forward, int limit) {
        if (segment != 0 || from == null) {
            return read(h, survey, sort, filter, segment, Part.ALL, from, forward, limit);
        }
        if (mysql) {
            // MariaDB reads the OR as the two ranges itself (ANALYZE: 26 rows); the split's first
            // statement took it 80 ms through the driver at 1M (gender, page 40), unexplained yet.
            return read(h, survey, sort, filter, 0, Part.EITHER, from, forward, limit);
        }
        List<Listed> out = new ArrayList<>(read(h, survey, sort, filter, 0, Part.SAME_VALUE, from, forward, limit));
        if (out.size() < limit) {
            out.addAll(read(h, survey, sort, filter, 0, Part.BEYOND, from, forward, limit - out.size()));
        }
        return out;
    }

    private List<Listed> read(Handle h, Survey survey, Sort sort, Sort.Filter filter, int segment, Part part,
                              Cursor.Position from, boolean forward, int limit) {
        boolean asc = sort.asc() == forward;
        String cmp = asc ? ">" : "<";
        String order = asc ? " ASC" : " DESC";
        String join = filter == null ? "" : filter.join();
        // Every ORDER BY starts with the index's equality column (constant here): H2 walks an index in
        // order, and stops at the LIMIT, only when the ORDER BY names the index's leading columns.
        String sql;
        if (segment == 0 && sort.column() != null) {
            // ix_responses_survey_started / _updated / _completed: (survey_id, column, id). ">= lowest"
            // leaves out NULLs as a range (H2 scanned the NULLs one by one for IS NOT NULL).
            String c = "r." + sort.column();
            sql = "SELECT " + COLUMNS + ", " + c + " AS sort_key FROM responses r" + use("ix_responses_survey_"
                    + sort.name()) + join + " WHERE r.survey_id = :survey"
                    + switch (part) {
                        case ALL -> sort.segments() == 2 ? " AND " + c + " >= :lowest" : "";
                        case SAME_VALUE -> " AND " + c + " = :v AND r.id " + cmp + " :id";
                        case BEYOND -> " AND " + c + " " + cmp + " :v";
                        case EITHER -> " AND (" + c + " " + cmp + " :v OR (" + c + " = :v AND r.id " + cmp + " :id))";
                    }
                    + (part == Part.EITHER ? " ORDER BY " + c + order + ", r.id" + order
                    : " ORDER BY r.survey_id" + order + ", " + c + order + ", r.id" + order);
        } else if (segment == 0) {
            // ix_answers_question_sort: (question_id, sort_value, response_id); blank answers count as none
            sql = "SELECT " + COLUMNS + ", a.sort_value AS sort_key FROM answers a" + use("ix_answers_question_sort")
                    + " JOIN responses r ON r.id = a.response_id" + join
                    + " WHERE a.question_id = :q"
                    + switch (part) {
                        case ALL -> " AND a.sort_value > ''";
                        case SAME_VALUE -> " AND a.sort_value = :v AND a.response_id " + cmp + " :id";
                        case BEYOND -> " AND a.sort_value > '' AND a.sort_value " + cmp + " :v";
                        case EITHER -> " AND a.sort_value > '' AND (a.sort_value " + cmp + " :v OR (a.sort_value = :v"
                                + " AND a.response_id " + cmp + " :id))";
                    }
                    + (part == Part.EITHER ? " ORDER BY a.sort_value" + order + ", a.response_id" + order
                    : " ORDER BY a.question_id" + order + ", a.sort_value" + order + ", a.response_id" + order);
        } else if (sort.column() != null) {
            // ix_responses_survey_completed: (survey_id, NULL, id). MariaDB does not take IS NULL as a
            // constant for the ORDER BY: naming completed_at there made it filesort every incomplete
            // response (EXPLAIN at 1M: "Using filesort"), while H2 needs it to walk the index in order.
            sql = "SELECT " + COLUMNS + ", NULL AS sort_key FROM responses r" + use("ix_responses_survey_completed")
                    + join + " WHERE r.survey_id = :survey AND r.completed_at IS NULL"
                    + (from == null ? "" : " AND r.id " + cmp + " :id")
                    + (mysql ? " ORDER BY r.id" + order
                    : " ORDER BY r.survey_id" + order + ", r.completed_at" + order + ", r.id" + order);
        } else {
            // ix_responses_survey_id: (survey_id, id), each checked against the answers' primary key (anti-join)
            sql = "SELECT " + COLUMNS + ", NULL AS sort_key FROM responses r" + use("ix_responses_survey_id")
                    + " LEFT JOIN answers x" + (mysql ? " FORCE INDEX (PRIMARY)" : "")
                    + " ON x.response_id = r.id AND x.question_id = :q AND x.sort_value > ''"
                    + join + " WHERE r.survey_id = :survey AND x.response_id IS NULL"
                    + (from == null ? "" : " AND r.id " + cmp + " :id")
                    + " ORDER BY r.survey_id" + order + ", r.id" + order;
        }
        Query query = h.createQuery(sql + " LIMIT :limit")
                .bind("survey", survey.id())
                .bind("limit", limit);
        if (sort.question() != null) {
            query.bind("q", sort.question().id());
        }
        if (filter != null) {
            query.bind("fq", filter.question().id()).bind("fv", filter.bound());
        }
        if (part == Part.ALL && segment == 0 && sort.column() != null && sort.segments() == 2) {
            query.bind("lowest", Long.MIN_VALUE);
        }
        if (from != null) {
            query.bind("id", from.id());
            if (segment == 0 && sort.column() != null) {
                query.bind("v", Long.parseLong(from.value()));
            } else if (segment == 0) {
                query.bind("v", from.value());
            }
        }
        return query.mapTo(Listed.class).list();
    }

    /** How many responses the filter keeps: its index entries, each checked against its response. */
    long filteredTotal(Handle h, Sort.Filter filter) {
        return h.createQuery("SELECT COUNT(*) FROM answers f JOIN responses r ON r.id = f.response_id"
                        + " WHERE f.question_id = :fq AND " + filter.matches() + " AND r.completed_at IS NOT NULL")
                .bind("fq", filter.question().id()).bind("fv", filter.bound())
                .mapTo(Long.class).one();
    }
}
