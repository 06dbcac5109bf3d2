package livesurvey.response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import livesurvey.survey.Option;
import livesurvey.validation.NumberRule;
import livesurvey.web.Json;
import org.jdbi.v3.core.Handle;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Keeps the summary's counters in step with the responses, inside the transaction of the change:
 * a start counts a response, a completion counts it as completed with each option it chose (and each
 * number it answered, by value), and a deletion takes back what it had added. Answers (keystrokes) never touch a counter.
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
    record Chosen(long questionId, String option) implements Comparable<Chosen> {
        @Override
        public int compareTo(Chosen o) {
            int byQuestion = Long.compare(questionId, o.questionId);
            return byQuestion != 0 ? byQuestion : option.compareTo(o.option);
        }
    }

    /** A survey's choice questions, options parsed once: which options a stored answer counts for. */
    static final class Choices {
        private final Map<Long, CounterDao.ChoiceQuestion> questions = new HashMap<>();
        private final Map<Long, Set<String>> options = new HashMap<>();

        Choices(List<CounterDao.ChoiceQuestion> choiceQuestions) {
            for (CounterDao.ChoiceQuestion q : choiceQuestions) {
                questions.put(q.id(), q);
                options.put(q.id(), new HashSet<>(parse(q.options(), OPTIONS).stream().map(Option::value).toList()));
            }
        }

        /** Valid answers of choice questions count for each known option they chose; numbers by value. */
        void addChosen(AnswerRow a, Set<Chosen> into) {
            CounterDao.ChoiceQuestion q = questions.get(a.questionId());
            if (q == null || !a.valid()) {
                return;
            }
            if (q.kind().equals("number")) {
                // Counted by value, so the average and the distribution come from the counters alone.
                into.add(new Chosen(q.id(), NumberRule.parse(a.answerValue()).stripTrailingZeros().toPlainString()));
                return;
            }
            List<String> values = q.kind().equals("checkbox") ? parse(a.answerValue(), CHOICES) : List.of(a.answerValue());
            values.stream().filter(options.get(q.id())::contains).forEach(v -> into.add(new Chosen(q.id(), v)));
        }
    }

    private static void countCompleted(Handle h, long surveyId, long responseId, int delta) {
        CounterDao counters = h.attach(CounterDao.class);
        Choices choices = new Choices(counters.choiceQuestions(surveyId));
        Set<Chosen> chosen = new TreeSet<>();
        h.attach(ResponseDao.class).answersOf(responseId).forEach(a -> choices.addChosen(a, chosen));
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
