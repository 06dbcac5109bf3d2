package livesurvey.retention;

/**
 * How long a survey's responses are kept, as the dashboard and the API state it.
 *
 * @param days   responses started more than this many days ago are deleted; null: kept until deleted
 * @param source "survey" (its own setting), "default" (LIVESURVEY_RETENTION_DAYS) or "none"
 * @param text   the sentence the dashboard shows
 */
public record RetentionPolicy(Integer days, String source, String text) {

    static RetentionPolicy of(Integer own, Integer fallback) {
        Integer days = own != null ? own : fallback;
        String source = own != null ? "survey" : fallback != null ? "default" : "none";
        String text = days == null ? "Responses are kept until an admin deletes them."
                : "Responses older than " + days + (days == 1 ? " day" : " days") + " are deleted.";
        return new RetentionPolicy(days, source, text);
    }
}
