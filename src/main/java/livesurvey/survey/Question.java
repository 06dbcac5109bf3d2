package livesurvey.survey;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/** One question of a survey, with the rules its answers must meet. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Question(
        @JsonIgnore long id,
        String key,
        String label,
        String help,
        @JsonProperty("type") Kind kind,
        int step,
        @JsonIgnore int position,
        boolean required,
        boolean unique,
        Integer minLength,
        Integer maxLength,
        List<Option> options) {

    /** The kinds of input a question can be answered with. */
    public enum Kind {
        text, email, textarea, select, radio, checkbox;

        public boolean isChoice() {
            return this == select || this == radio || this == checkbox;
        }
    }

    public boolean hasOption(String value) {
        return options.stream().anyMatch(o -> o.value().equals(value));
    }
}
