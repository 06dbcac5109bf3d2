package livesurvey.response;

import livesurvey.live.Change;
import livesurvey.live.ChangeDao;
import livesurvey.validation.UniquePerSurveyRule;
import livesurvey.web.ApiException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/** The statements of one group commit, and the replies to send once it has committed. */
final class AnswerBatch {
    private final Map<PendingAnswer, Object> outcomes = new LinkedHashMap<>();
    private final Set<Long> surveyIds = new HashSet<>();

    private AnswerBatch() {
    }

    /**
     * Stores a batch inside the caller's transaction. Answers to completed responses are refused,
     * and so are answers whose survey or token no longer matches the response (a stale cache).
     */
    static AnswerBatch store(Handle handle, List<PendingAnswer> batch, long now) {
        AnswerBatch result = new AnswerBatch();
        Map<Long, Locked> locked = lockResponses(handle, batch);
        // The last write to a (response, question) in the batch is the one that stays.
        Map<String, PendingAnswer> latest = new LinkedHashMap<>();
        Map<Long, PendingAnswer> lastPerResponse = new LinkedHashMap<>();
        for (PendingAnswer p : batch) {
            Locked row = locked.get(p.responseId());
            if (row == null || row.surveyId() != p.surveyId() || !Objects.equals(row.tokenHash(), p.tokenHash())) {
                result.outcomes.put(p, ApiException.notFound("This response no longer exists; start again."));
                continue;
            }
            if (row.completed()) {
                result.outcomes.put(p, new ApiException(409, "Survey already submitted."));
                continue;
            }
            result.outcomes.put(p, p.problem());
            latest.remove(p.responseId() + ":" + p.question().id());
            latest.put(p.responseId() + ":" + p.question().id(), p);
            lastPerResponse.put(p.responseId(), p);
            result.surveyIds.add(p.surveyId());
        }
        if (latest.isEmpty()) {
            return result;
        }
        claimUniqueValues(handle, latest.values(), result);
        PreparedBatch answers = handle.prepareBatch("""
                INSERT INTO answers (response_id, question_id, answer_value, sort_value, valid, error, updated_at)
                VALUES (:responseId, :questionId, :value, :sortValue, :valid, :error, :now)
                ON DUPLICATE KEY UPDATE answer_value = VALUES(answer_value), sort_value = VALUES(sort_value),
                    valid = VALUES(valid), error = VALUES(error), updated_at = VALUES(updated_at)
                """);
        for (PendingAnswer p : latest.values()) {
            String error = (String) result.outcomes.get(p);
            answers.bind("responseId", p.responseId()).bind("questionId", p.question().id())
                    .bind("value", StoredValue.encode(p.value())).bind("sortValue", StoredValue.sortKey(p.value()))
                    .bind("valid", error == null).bind("error", error).bind("now", now).add();
        }
        answers.execute();
        PreparedBatch touch = handle.prepareBatch(
                "UPDATE responses SET updated_at = :now, editing_key = :key, version = version + 1 WHERE id = :id");
        List<Long> feedSurveys = new ArrayList<>();
        List<Long> feedResponses = new ArrayList<>();
        for (PendingAnswer p : lastPerResponse.values()) {
            touch.bind("now", now).bind("key", p.question().key()).bind("id", p.responseId()).add();
            feedSurveys.add(p.surveyId());
            feedResponses.add(p.responseId());
        }
        touch.execute();
        handle.attach(ChangeDao.class).recordAll(feedSurveys, feedResponses, Change.RESPONSE, now);
        return result;
    }

    /** A response as its row lock found it. */
    private record Locked(long surveyId, String tokenHash, boolean completed) {
    }

    /** Locks the batch's responses (in id order, so two writers cannot deadlock); deleted ones are absent. */
    private static Map<Long, Locked> lockResponses(Handle handle, List<PendingAnswer> batch) {
        Set<Long> ids = new TreeSet<>();
        batch.forEach(p -> ids.add(p.responseId()));
        Map<Long, Locked> locked = new HashMap<>();
        handle.createQuery("""
                        SELECT id, survey_id, token_hash, completed_at FROM responses
                        WHERE id IN (<ids>) ORDER BY id FOR UPDATE
                        """)
                .bindList("ids", new ArrayList<>(ids))
                .map((rs, ctx) -> Map.entry(rs.getLong("id"), new Locked(rs.getLong("survey_id"),
                        rs.getString("token_hash"), rs.getObject("completed_at") != null)))
                .forEach(e -> locked.put(e.getKey(), e.getValue()));
        return locked;
    }

    /**
     * Moves each response's claim on a unique question to the value it now answers (if valid), in
     * (question, value) order so two writers lock claims alike; the primary key decides who wins.
     */
    private static void claimUniqueValues(Handle handle, Iterable<PendingAnswer> stored, AnswerBatch result) {
        List<PendingAnswer> unique = new ArrayList<>();
        stored.forEach(p -> {
            if (p.question().unique()) {
                unique.add(p);
            }
        });
        Map<PendingAnswer, String> wanted = new HashMap<>();
        unique.forEach(p -> wanted.put(p, result.outcomes.get(p) == null && !p.value().isBlank()
                ? UniquePerSurveyRule.valueHash(p.value()) : null));
        unique.sort(Comparator.comparingLong((PendingAnswer p) -> p.question().id())
                .thenComparing(p -> Objects.requireNonNullElse(wanted.get(p), "")));
        for (PendingAnswer p : unique) {
            String hash = wanted.get(p);
            if (!UniqueClaims.move(handle, p.responseId(), p.question().id(), hash)) {
                result.outcomes.put(p, UniquePerSurveyRule.message(p.question()));
            }
        }
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
                String error = (String) outcome;
                p.reply().complete(new AnswerResult(p.question().key(), error == null, error));
            }
        });
    }
}
