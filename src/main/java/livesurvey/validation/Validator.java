package livesurvey.validation;

import livesurvey.survey.Question;

import java.util.List;
import java.util.Optional;

/** Runs the rules of a question over an answer; the first problem found is the one reported. */
public final class Validator {
    private final List<FieldRule> rules = List.of(
            new LengthRule(), new EmailRule(), new NumberRule(), new SelectOptionRule(), new CheckboxOptionsRule(),
            new PicksRule());
    private final UniquePerSurveyRule.ClaimLookup claims;

    public Validator(UniquePerSurveyRule.ClaimLookup claims) {
        this.claims = claims;
    }

    /** The problem with this answer (null or blank when unanswered), if any. */
    public Optional<String> check(Question question, long responseId, AnswerValue value) {
        Optional<String> required = RequiredRule.check(question, value);
        if (required.isPresent() || value == null || value.isBlank()) {
            return required;
        }
        for (FieldRule rule : rules) {
            if (rule.appliesTo(question)) {
                Optional<String> problem = rule.check(question, value);
                if (problem.isPresent()) {
                    return problem;
                }
            }
        }
        return UniquePerSurveyRule.check(question, responseId, value, claims);
    }
}
