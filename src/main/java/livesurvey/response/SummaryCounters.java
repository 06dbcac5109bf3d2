package livesurvey.response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import livesurvey.survey.Option;
import livesurvey.validation.NumberRule;
import livesurvey.web.Json;
import org.jdbi.v3.core.Handle;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Keeps the summary's counters in step with the responses, inside the transaction of the change:
 * a start counts a response, a completion counts it as completed with each option it chose (and each
 * number it answered, by value), and a
 * deletion takes back what it had added. Answers (keystrokes) never touch a counter.
 */
public final class SummaryCounters {
    public static final String RESPONSES = "responses";
    public static final String COMPLETED = "completed";
    /** Rows per counter: concurrent starts pick different rows instead of queueing on one lock. */
    static final int SLOTS = 8;
    private static final TypeReference<List<Option>> OPTIONS = new TypeReference<>() {
    };
    private static final TypeReference<List<String>> CHOICES = new TypeReference<>() {
    };

    private SummaryCounters() {
    }

    static void started(Handle h, long surveyId) {
        h.attach(CounterDao.class).add(surveyId, 0, RESPONSES, slot(), 1);
    }

    static void completed(Handle h, long surveyId, long responseId) {
        countCompleted(h, surveyId, responseId, 1);
    }

    static void deleted(Handle h, ResponseRow response) {
        h.attach(CounterDao.class).add(response.surveyId(), 0, RESPONSES, slot(), -1);
        if (response.completed()) {
            countCompleted(h, response.surveyId(), response.id(), -1);
        }
    }

    /** One option chosen in one question; sorted, so transactions lock counter rows in one order. */
    private record Chosen(long questionId, String option) implements Comparable<Chosen> {
        @Override
        public int compareTo(Chosen o) {
            int byQuestion = Long.compare(questionId, o.questionId);
            return byQuestion != 0 ? byQuestion : option.compareTo(o.option);
        }
    }

    private static void countCompleted(Handle h, long surveyId, long responseId, int delta) {
        CounterDao counters = h.attach(CounterDao.class);
        Map<Long, CounterDao.ChoiceQuestion> questions = new HashMap<>();
        counters.choiceQuestions(surveyId).forEach(q -> questions.put(q.id(), q));
        Set<Chosen> chosen = new TreeSet<>();
        for (AnswerRow a : h.attach(ResponseDao.class).answersOf(responseId)) {
            CounterDao.ChoiceQuestion q = questions.get(a.questionId());
            if (q == null || !a.valid()) {
                continue;
            }
            if (q.kind().equals("number")) {
                // Counted by value, so the average and the distribution come from the counters alone.
                chosen.add(new Chosen(q.id(), NumberRule.parse(a.answerValue()).stripTrailingZeros().toPlainString()));
                continue;
            }
            List<String> values = q.kind().equals("checkbox") ? parse(a.answerValue(), CHOICES) : List.of(a.answerValue());
            List<Option> options = parse(q.options(), OPTIONS);
            values.stream().filter(v -> options.stream().anyMatch(o -> o.value().equals(v)))
                    .forEach(v -> chosen.add(new Chosen(q.id(), v)));
        }
        int slot = slot();
        counters.add(surveyId, 0, COMPLETED, slot, delta);
        chosen.forEach(c -> counters.add(surveyId, c.questionId(), c.option(), slot, delta));
    }

    private static <T> T parse(String json, TypeReference<T> type) {
        try {
            return Json.MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored JSON is malformed", e);
        }
    }

    private static int slot() {
        return ThreadLocalRandom.current().nextInt(SLOTS);
    }
}
