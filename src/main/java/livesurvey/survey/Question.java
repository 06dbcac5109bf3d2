package livesurvey.survey;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import java.math.BigDecimal;
import java.util.List;

/**
 * One question of a survey, with the rules its answers must meet and the summaries the dashboard
 * shows of it. Settings that do not apply to its type are null (and left out of the JSON).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Question(
        @JsonIgnore long id,
        @JsonPropertyDescription("Stable key: lower-case letters, digits and _, starting with a letter") String key,
        String label,
        String help,
        @JsonProperty("type") @JsonPropertyDescription("text (short), textarea (long), email, number, "
                + "radio or select (single choice), checkbox (multiple choice)") Kind kind,
        @JsonPropertyDescription("Derived from the step the question is in; ignored when sent") int step,
        @JsonIgnore int position,
        boolean required,
        @JsonPropertyDescription("No two responses may give the same answer (text, email and number)") boolean unique,
        Integer minLength,
        Integer maxLength,
        @JsonPropertyDescription("number: the smallest answer allowed") BigDecimal min,
        @JsonPropertyDescription("number: the largest answer allowed") BigDecimal max,
        @JsonPropertyDescription("number: whole numbers only") Boolean integer,
        @JsonPropertyDescription("checkbox: the fewest options to tick when answering") Integer minPicks,
        @JsonPropertyDescription("checkbox: the most options to tick") Integer maxPicks,
        @JsonPropertyDescription("Choices: stable values, editable labels") List<Option> options,
        @JsonPropertyDescription("What the dashboard's summary shows of this question") List<SummarySpec> summaries) {

    /** A question without number, picks or summary settings (as the text and choice types have always been). */
    public Question(long id, String key, String label, String help, Kind kind, int step, int position, boolean required,
                    boolean unique, Integer minLength, Integer maxLength, List<Option> options) {
        this(id, key, label, help, kind, step, position, required, unique, minLength, maxLength, null, null, null,
                null, null, options, List.of());
    }

    /** The kinds of input a question can be answered with. */
    public enum Kind {
        text, email, textarea, select, radio, checkbox, number;

        public boolean isChoice() {
            return this == select || this == radio || this == checkbox;
        }

        /** Kinds an answer keeps its meaning across: a single choice drawn as radios or as a dropdown. */
        public boolean sameFamily(Kind other) {
            return this == other || (isSingleChoice() && other.isSingleChoice());
        }

        public boolean isSingleChoice() {
            return this == select || this == radio;
        }
    }

    public boolean hasOption(String value) {
        return options.stream().anyMatch(o -> o.value().equals(value));
    }

    /** The same question, moved to where the definition puts it and given the id it is stored under. */
    public Question placed(long newId, int newStep, int newPosition) {
        return new Question(newId, key, label, help, kind, newStep, newPosition, required, unique, minLength,
                maxLength, min, max, integer, minPicks, maxPicks, options, summaries);
    }

    /** Type-specific settings, kept in the questions table as JSON. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Settings(BigDecimal min, BigDecimal max, Boolean integer, Integer minPicks, Integer maxPicks,
                           List<SummarySpec> summaries) {
    }

    public Settings settings() {
        return new Settings(min, max, integer, minPicks, maxPicks, summaries);
    }
}
