package livesurvey.response;

/** The server's verdict on one stored answer. */
public record AnswerResult(String key, boolean valid, String error) {
}
