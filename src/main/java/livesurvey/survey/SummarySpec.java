package livesurvey.survey;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * One value of the dashboard's summary computed from a question's answers: the definition names it,
 * so the summary's JSON (and the card that shows it) comes from data, not from code.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SummarySpec(
        @JsonPropertyDescription("average (number, or choices with numeric values), distribution, "
                + "shares (single choice: a pie) or top (choices: the most chosen)") Kind kind,
        @JsonPropertyDescription("The property of the summary JSON that holds it, e.g. averageAge") String name,
        @JsonPropertyDescription("The card's heading on the dashboard") String title,
        @JsonPropertyDescription("top: how many options to list (default 3)") Integer size) {

    /** The kinds of summary, each computed by one strategy of the Summariser. */
    public enum Kind { average, distribution, shares, top }
}
