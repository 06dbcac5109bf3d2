package livesurvey.survey;

import java.util.List;
import java.util.stream.IntStream;

/** The survey as the page (or a script) renders it: steps of questions, with their rules. */
public record SurveyDefinition(String slug, String title, String intro, String thankYou, int stepCount,
                               List<Step> steps) {

    /** One page of the survey. */
    public record Step(int number, List<Question> questions) {
    }

    public static SurveyDefinition of(Survey survey) {
        List<Step> steps = IntStream.rangeClosed(1, survey.stepCount())
                .mapToObj(n -> new Step(n, survey.questionsOfStep(n))).toList();
        return new SurveyDefinition(survey.slug(), survey.title(), survey.intro(), survey.thankYou(),
                survey.stepCount(), steps);
    }
}
