package livesurvey.response;

import livesurvey.live.Change;
import livesurvey.validation.UniquePerSurveyRule;
import livesurvey.web.ApiException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The statements of one group commit, and the replies to send once it has committed. */
final class AnswerBatch {
    private final Map<PendingAnswer, Object> outcomes = new LinkedHashMap<>();
    private final Set<Long> surveyIds = new HashSet<>();

    private AnswerBatch() {
    }

    /** Stores a batch inside the caller's transaction. Answers to completed responses are refused. */
    static AnswerBatch store(Handle handle, List<PendingAnswer> batch, long now) {
        AnswerBatch result = new AnswerBatch();
        Map<Long, Boolean> open = lockResponses(handle, batch);
        // The last write to a (response, question) in the batch is the one that stays.
        Map<String, PendingAnswer> latest = new LinkedHashMap<>();
        Map<Long, PendingAnswer> lastPerResponse = new LinkedHashMap<>();
        for (PendingAnswer p : batch) {
            Boolean isOpen = open.get(p.responseId());
            if (isOpen == null || !isOpen) {
                result.outcomes.put(p, isOpen == null
                        ? ApiException.notFound("This response no longer exists; start again.")
                        : new ApiException(409, "Survey already submitted."));
                continue;
            }
            String verdict = p.problem();
            if (p.question().unique()) {
                verdict = claim(handle, p, verdict);
            }
            result.outcomes.put(p, new AnswerResult(p.question().key(), verdict == null, verdict));
            latest.remove(p.responseId() + ":" + p.question().id());
            latest.put(p.responseId() + ":" + p.question().id(), p);
            lastPerResponse.put(p.responseId(), p);
            result.surveyIds.add(p.surveyId());
        }
        if (latest.isEmpty()) {
            return result;
        }
        PreparedBatch answers = handle.prepareBatch("""
                INSERT INTO answers (response_id, question_id, answer_value, sort_value, valid, error, updated_at)
                VALUES (:responseId, :questionId, :value, :sortValue, :valid, :error, :now)
                ON DUPLICATE KEY UPDATE answer_value = VALUES(answer_value), sort_value = VALUES(sort_value),
                    valid = VALUES(valid), error = VALUES(error), updated_at = VALUES(updated_at)
                """);
        for (PendingAnswer p : latest.values()) {
            AnswerResult verdict = (AnswerResult) result.outcomes.get(p);
            answers.bind("responseId", p.responseId()).bind("questionId", p.question().id())
                    .bind("value", StoredValue.encode(p.value())).bind("sortValue", StoredValue.sortKey(p.value()))
                    .bind("valid", verdict.valid()).bind("error", verdict.error()).bind("now", now).add();
        }
        answers.execute();
        PreparedBatch touch = handle.prepareBatch(
                "UPDATE responses SET updated_at = :now, editing_key = :key WHERE id = :id");
        PreparedBatch feed = handle.prepareBatch("""
                INSERT INTO changes (survey_id, response_id, kind, created_at)
                VALUES (:surveyId, :responseId, :kind, :now)
                """);
        for (PendingAnswer p : lastPerResponse.values()) {
            touch.bind("now", now).bind("key", p.question().key()).bind("id", p.responseId()).add();
            feed.bind("surveyId", p.surveyId()).bind("responseId", p.responseId()).bind("kind", Change.RESPONSE)
                    .bind("now", now).add();
        }
        touch.execute();
        feed.execute();
        return result;
    }

    /**
     * Locks the batch's responses (in id order, so two writers cannot deadlock): whether each is
     * still open for answers; deleted ones are absent.
     */
    private static Map<Long, Boolean> lockResponses(Handle handle, List<PendingAnswer> batch) {
        Set<Long> ids = new TreeSet<>();
        batch.forEach(p -> ids.add(p.responseId()));
        Map<Long, Boolean> open = new HashMap<>();
        handle.createQuery("SELECT id, completed_at FROM responses WHERE id IN (<ids>) ORDER BY id FOR UPDATE")
                .bindList("ids", new ArrayList<>(ids))
                .map((rs, ctx) -> Map.entry(rs.getLong("id"), rs.getObject("completed_at") == null))
                .forEach(e -> open.put(e.getKey(), e.getValue()));
        return open;
    }

    /** Moves the response's claim on a unique value; the primary key decides who wins a race. */
    private static String claim(Handle handle, PendingAnswer p, String verdict) {
        long questionId = p.question().id();
        handle.createUpdate("DELETE FROM unique_claims WHERE response_id = :r AND question_id = :q")
                .bind("r", p.responseId()).bind("q", questionId).execute();
        if (verdict != null || p.value().isBlank()) {
            return verdict;
        }
        String hash = UniquePerSurveyRule.valueHash(p.value());
        handle.createUpdate("""
                        INSERT INTO unique_claims (question_id, value_hash, response_id) VALUES (:q, :h, :r)
                        ON DUPLICATE KEY UPDATE response_id = response_id
                        """)
                .bind("q", questionId).bind("h", hash).bind("r", p.responseId()).execute();
        long holder = handle.createQuery("SELECT response_id FROM unique_claims WHERE question_id = :q AND value_hash = :h")
                .bind("q", questionId).bind("h", hash).mapTo(Long.class).one();
        return holder == p.responseId() ? null : UniquePerSurveyRule.message(p.question());
    }

    Set<Long> surveyIds() {
        return surveyIds;
    }

    /** Completes every caller's future: a verdict, or the reason it was refused. */
    void reply() {
        outcomes.forEach((p, outcome) -> {
            if (outcome instanceof RuntimeException e) {
                p.reply().completeExceptionally(e);
            } else {
                p.reply().complete((AnswerResult) outcome);
            }
        });
    }
}
