package livesurvey.live;

/** One entry of the change feed: a response of a survey was written (or deleted). */
public record Change(long id, long surveyId, long responseId, String kind) {
    public static final String RESPONSE = "response";
    public static final String DELETED = "deleted";
    /** Reset & retry: the response's token no longer reaches it (instances drop it from their caches). */
    public static final String FORGOT = "forgot";
}
