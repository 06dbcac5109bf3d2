package livesurvey.dashboard;

import livesurvey.response.StoredValue;
import livesurvey.survey.Question;
import livesurvey.survey.Survey;
import livesurvey.validation.AnswerValue;
import livesurvey.web.ApiException;

/**
 * What a page is sorted by: a time column of the response, or one question's answers. A sort has one
 * or two segments: responses with a value (ordered by it, then id), then those without (by id), so
 * unanswered questions and incomplete responses come last in either direction.
 */
record Sort(String name, String column, Question question, boolean asc) {

    static Sort parse(Survey survey, String name, String dir) {
        boolean asc = switch (dir == null ? "desc" : dir) {
            case "asc" -> true;
            case "desc" -> false;
            default -> throw new ApiException(400, "dir must be asc or desc", "dir", null);
        };
        String sort = name == null ? "started" : name;
        return switch (sort) {
            case "started" -> new Sort(sort, "started_at", null, asc);
            case "updated" -> new Sort(sort, "updated_at", null, asc);
            case "completed" -> new Sort(sort, "completed_at", null, asc);
            default -> new Sort(sort, null, survey.question(sort).orElseThrow(() -> new ApiException(400,
                    "Unknown sort '" + sort + "': use started, updated, completed or a question key", "sort", null)),
                    asc);
        };
    }

    String dir() {
        return asc ? "asc" : "desc";
    }

    /** Started and updated are never empty; completed and answers can be. */
    int segments() {
        return "started_at".equals(column) || "updated_at".equals(column) ? 1 : 2;
    }

    /** {@code filter=key:value} on a choice question: the pie chart's click. */
    record Filter(String text, Question question, String value) {

        static Filter parse(Survey survey, String text) {
            if (text == null || text.isEmpty()) {
                return null;
            }
            int colon = text.indexOf(':');
            String key = colon < 0 ? text : text.substring(0, colon);
            Question q = survey.question(key).filter(x -> x.kind().isChoice()).orElseThrow(() -> new ApiException(
                    400, "filter must be key:value on a choice question, e.g. gender:female", "filter", null));
            String value = colon < 0 ? "" : text.substring(colon + 1);
            if (!q.hasOption(value)) {
                throw new ApiException(400, "'" + value + "' is not an option of " + key, "filter", null);
            }
            return new Filter(text, q, value);
        }

        boolean checkbox() {
            return question.kind() == Question.Kind.checkbox;
        }

        /** What the stored answer is compared with: its sort key, or a pattern inside the JSON array. */
        String bound() {
            return checkbox() ? "%\"" + value + "\"%" : StoredValue.sortKey(AnswerValue.ofText(value));
        }

        /**
         * The set the summary's pie counts — valid answers of completed responses — so a click on a
         * slice lists exactly the responses the slice counted.
         */
        String join() {
            return " JOIN answers f ON f.response_id = r.id AND f.question_id = :fq AND " + matches()
                    + " AND r.completed_at IS NOT NULL";
        }

        String matches() {
            return "f.valid = TRUE AND " + (checkbox() ? "f.answer_value LIKE :fv" : "f.sort_value = :fv");
        }
    }
}
