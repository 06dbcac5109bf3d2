package livesurvey.retention;

/** Body of PUT …/retention: days to keep responses (1 to 36500), or null for the configured default. */
public record RetentionBody(Integer days) {
}
