package livesurvey.survey;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import java.util.List;
import java.util.stream.IntStream;

/**
 * The survey as the page (or a script) renders it: steps of questions, with their rules. The same
 * shape creates and replaces a survey (POST, PUT); what the server derives is ignored when sent.
 */
public record SurveyDefinition(
        @JsonPropertyDescription("Lower-case letters, digits and dashes; unique") String slug,
        String title,
        String intro,
        String thankYou,
        @JsonPropertyDescription("open or closed (set with PATCH); ignored when sent") Survey.Status status,
        @JsonPropertyDescription("Goes up by one with every change to the definition; ignored when sent") int revision,
        @JsonPropertyDescription("Derived; ignored when sent") int stepCount,
        List<Step> steps) {

    /** One page of the survey. */
    public record Step(@JsonPropertyDescription("From 1, derived; ignored when sent") int number,
                       List<Question> questions) {
    }

    public static SurveyDefinition of(Survey survey) {
        List<Step> steps = IntStream.rangeClosed(1, survey.stepCount())
                .mapToObj(n -> new Step(n, survey.questionsOfStep(n))).toList();
        return new SurveyDefinition(survey.slug(), survey.title(), survey.intro(), survey.thankYou(),
                survey.status(), survey.revision(), survey.stepCount(), steps);
    }
}
