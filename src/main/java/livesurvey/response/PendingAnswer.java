package livesurvey.response;

import livesurvey.survey.Question;
import livesurvey.validation.AnswerValue;

import java.util.concurrent.CompletableFuture;

/**
 * An answer waiting for its group commit; {@code problem} is the verdict of the rules that need no
 * database. The survey and token hash are checked against the response under its row lock: a
 * cached response id is only a hint. Compared by identity: never hash its whole graph.
 */
record PendingAnswer(long surveyId, long responseId, String tokenHash, Question question, AnswerValue value,
                     String problem, CompletableFuture<AnswerResult> reply) {
    @Override
    public boolean equals(Object o) {
        return this == o;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }
}
