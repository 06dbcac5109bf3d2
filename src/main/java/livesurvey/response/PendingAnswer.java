package livesurvey.response;

import livesurvey.survey.Question;
import livesurvey.validation.AnswerValue;

import java.util.concurrent.CompletableFuture;

/** An answer waiting for its group commit; {@code problem} is the verdict of the rules that need no database. */
record PendingAnswer(long surveyId, long responseId, Question question, AnswerValue value, String problem,
                     CompletableFuture<AnswerResult> reply) {
}
