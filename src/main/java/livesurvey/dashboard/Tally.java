package livesurvey.dashboard;

import livesurvey.response.SummaryCounters;
import livesurvey.survey.Question;
import livesurvey.survey.Survey;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What every summary value is computed from: the survey, its counters, and its last activity. */
record Tally(Survey survey, Map<Long, Map<String, Long>> counts, Long lastUpdated) {

    static Tally of(Survey survey, List<SummaryDao.Counter> counters, Long lastUpdated) {
        Map<Long, Map<String, Long>> counts = new HashMap<>();
        counters.forEach(c -> counts.computeIfAbsent(c.questionId(), k -> new HashMap<>()).put(c.item(), c.amount()));
        return new Tally(survey, counts, lastUpdated);
    }

    long responses() {
        return count(0, SummaryCounters.RESPONSES);
    }

    long completed() {
        return count(0, SummaryCounters.COMPLETED);
    }

    /** Completed responses that chose this option of the question. */
    long chose(Question question, String option) {
        return count(question.id(), option);
    }

    /** Every counted value of a question (choices, or number answers), with its count. */
    Map<String, Long> items(Question question) {
        return counts.getOrDefault(question.id(), Map.of());
    }

    /** A counter item as a number, or null when it is not one. */
    static BigDecimal number(String item) {
        try {
            return item.length() > 40 ? null : new BigDecimal(item);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private long count(long questionId, String item) {
        return counts.getOrDefault(questionId, Map.of()).getOrDefault(item, 0L);
    }
}
