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
 */
final class PageQuery {
    private static final String COLUMNS =
            "r.id, r.current_step, r.editing_key, r.started_at, r.updated_at, r.completed_at";

    private PageQuery() {
    }

    /** Up to {@code limit} items after (forward) or before (backward) {@code from}, in walking order. */
    static List<Listed> fetch(Handle h, Survey survey, Sort sort, Sort.Filter filter, Cursor.Position from,
                              boolean forward, int limit) {
        List<Listed> out = new ArrayList<>();
        int segment = from != null ? from.segment() : forward ? 0 : sort.segments() - 1;
        Cursor.Position position = from;
        while (out.size() < limit && segment >= 0 && segment < sort.segments()) {
            out.addAll(segment(h, survey, sort, filter, segment, position, forward, limit - out.size()));
            segment += forward ? 1 : -1;
            position = null;
        }
        return out;
    }

    private static List<Listed> segment(Handle h, Survey survey, Sort sort, Sort.Filter filter, int segment,
                                        Cursor.Position from, boolean forward, int limit) {
        boolean asc = sort.asc() == forward;
        String cmp = asc ? ">" : "<";
        String order = asc ? " ASC" : " DESC";
        String join = filter == null ? "" : filter.join();
        String sql;
        if (segment == 0 && sort.column() != null) {
            // ix_responses_survey_started / _updated / _completed: (survey_id, column, id)
            String c = "r." + sort.column();
            sql = "SELECT " + COLUMNS + ", " + c + " AS sort_key FROM responses r" + join
                    + " WHERE r.survey_id = :survey" + (sort.segments() == 2 ? " AND " + c + " IS NOT NULL" : "")
                    + (from == null ? "" : " AND (" + c + " " + cmp + " :v OR (" + c + " = :v AND r.id " + cmp + " :id))")
                    + " ORDER BY " + c + order + ", r.id" + order;
        } else if (segment == 0) {
            // ix_answers_question_sort: (question_id, sort_value, response_id); blank answers count as none
            sql = "SELECT " + COLUMNS + ", a.sort_value AS sort_key FROM answers a JOIN responses r ON r.id = a.response_id"
                    + join + " WHERE a.question_id = :q AND a.sort_value > ''"
                    + (from == null ? "" : " AND (a.sort_value " + cmp + " :v OR (a.sort_value = :v AND a.response_id "
                    + cmp + " :id))")
                    + " ORDER BY a.sort_value" + order + ", a.response_id" + order;
        } else if (sort.column() != null) {
            // ix_responses_survey_completed: (survey_id, completed_at IS NULL, id)
            sql = "SELECT " + COLUMNS + ", NULL AS sort_key FROM responses r" + join
                    + " WHERE r.survey_id = :survey AND r.completed_at IS NULL"
                    + (from == null ? "" : " AND r.id " + cmp + " :id")
                    + " ORDER BY r.id" + order;
        } else {
            // ix_responses_survey_id: (survey_id, id), each checked against the answers' primary key
            sql = "SELECT " + COLUMNS + ", NULL AS sort_key FROM responses r" + join
                    + " WHERE r.survey_id = :survey" + (from == null ? "" : " AND r.id " + cmp + " :id")
                    + " AND NOT EXISTS (SELECT 1 FROM answers x WHERE x.response_id = r.id AND x.question_id = :q"
                    + " AND x.sort_value > '')"
                    + " ORDER BY r.id" + order;
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

    /** How many responses the filter keeps: a range count over the filter's index entries. */
    static long filteredTotal(Handle h, Sort.Filter filter) {
        return h.createQuery("SELECT COUNT(*) FROM answers f WHERE f.question_id = :fq AND "
                        + (filter.checkbox() ? "f.answer_value LIKE :fv" : "f.sort_value = :fv"))
                .bind("fq", filter.question().id()).bind("fv", filter.bound())
                .mapTo(Long.class).one();
    }
}
