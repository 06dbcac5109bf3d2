package livesurvey.live;

/** One entry of the change feed: a response of a survey was written (or deleted). */
public record Change(long id, long surveyId, long responseId, String kind) {
    public static final String RESPONSE = "response";
    public static final String DELETED = "deleted";
}
