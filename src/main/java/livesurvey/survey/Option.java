package livesurvey.survey;

/** One choice of a select, radio or checkbox question. */
public record Option(String value, String label) {
}
