package livesurvey.response;

/** A stored answer; {@code answerValue} is a JSON array for checkbox questions. */
public record AnswerRow(long responseId, long questionId, String answerValue, boolean valid, String error,
                        long updatedAt) {
}
