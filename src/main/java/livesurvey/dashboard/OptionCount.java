package livesurvey.dashboard;

/** How many completed responses chose one option. */
public record OptionCount(String value, String label, long count) {
}
