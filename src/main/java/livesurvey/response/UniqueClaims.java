package livesurvey.response;

import livesurvey.survey.Question;
import livesurvey.validation.UniquePerSurveyRule;
import livesurvey.web.ApiException;
import org.jdbi.v3.core.Handle;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The claims of unique answers ({@code unique_claims}: one response per value of a question; the
 * primary key decides a race). Called inside a transaction that holds the response's row lock, so
 * only that transaction changes the response's own claims. Claims are taken in (question, value)
 * order, so two transactions lock claim rows in one order.
 */
final class UniqueClaims {
    /** A value of a unique question that a response must hold. */
    record Claim(Question question, String valueHash) {
    }

    static final Comparator<Claim> LOCK_ORDER =
            Comparator.comparingLong((Claim c) -> c.question().id()).thenComparing(Claim::valueHash);

    private UniqueClaims() {
    }

    /**
     * Points the response's claim on a question at a new value (null: none). Deletes only a claim
     * the response holds, by its key: deleting a row that is not there would lock a gap. True when
     * the response holds the wanted value afterwards.
     */
    static boolean move(Handle h, long responseId, long questionId, String wantedHash) {
        String held = h.createQuery("SELECT value_hash FROM unique_claims WHERE response_id = :r AND question_id = :q")
                .bind("r", responseId).bind("q", questionId).mapTo(String.class).findFirst().orElse(null);
        if (held != null && held.equals(wantedHash)) {
            return true;
        }
        if (held != null) {
            h.createUpdate("DELETE FROM unique_claims WHERE question_id = :q AND value_hash = :h AND response_id = :r")
                    .bind("q", questionId).bind("h", held).bind("r", responseId).execute();
        }
        return wantedHash == null || take(h, responseId, questionId, wantedHash);
    }

    /**
     * Holds or takes every claim, and marks those answers valid (one refused while someone else held
     * the value is now the holder's); 422 naming each value another response holds.
     */
    static void holdAll(Handle h, long responseId, List<Claim> claims) {
        Map<String, String> lost = new LinkedHashMap<>();
        for (Claim c : claims.stream().sorted(LOCK_ORDER).toList()) {
            if (move(h, responseId, c.question().id(), c.valueHash())) {
                h.createUpdate("""
                                UPDATE answers SET valid = TRUE, error = NULL
                                WHERE response_id = :r AND question_id = :q AND NOT valid
                                """)
                        .bind("r", responseId).bind("q", c.question().id()).execute();
            } else {
                lost.put(c.question().key(), UniquePerSurveyRule.message(c.question()));
            }
        }
        if (!lost.isEmpty()) {
            throw new ApiException(422, "Some answers need fixing before you go on.", lost.keySet().iterator().next(),
                    lost);
        }
    }

    private static boolean take(Handle h, long responseId, long questionId, String hash) {
        h.createUpdate("""
                        INSERT INTO unique_claims (question_id, value_hash, response_id) VALUES (:q, :h, :r)
                        ON DUPLICATE KEY UPDATE response_id = response_id
                        """)
                .bind("q", questionId).bind("h", hash).bind("r", responseId).execute();
        long holder = h.createQuery("SELECT response_id FROM unique_claims WHERE question_id = :q AND value_hash = :h")
                .bind("q", questionId).bind("h", hash).mapTo(Long.class).one();
        return holder == responseId;
    }
}
