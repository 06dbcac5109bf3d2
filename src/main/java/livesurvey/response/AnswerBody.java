package livesurvey.response;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The body of PUT …/answers/{key}, as the API document describes it (AnswerInput reads it strictly). */
public record AnswerBody(
        @JsonPropertyDescription("A string; an array of strings for checkbox questions (e.g. colours)")
        Object value) {
}
