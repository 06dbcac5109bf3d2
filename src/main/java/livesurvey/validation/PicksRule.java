package livesurvey.validation;

import livesurvey.survey.Question;

import java.util.Optional;

/** How many boxes a multiple-choice answer ticks: at least minPicks, at most maxPicks. */
final class PicksRule implements FieldRule {
    @Override
    public boolean appliesTo(Question question) {
        return question.kind() == Question.Kind.checkbox && (question.minPicks() != null || question.maxPicks() != null);
    }

    @Override
    public Optional<String> check(Question question, AnswerValue value) {
        int picks = value.choices().size();
        if (question.minPicks() != null && picks < question.minPicks()) {
            return Optional.of("Choose at least " + question.minPicks() + ".");
        }
        if (question.maxPicks() != null && picks > question.maxPicks()) {
            return Optional.of("Choose at most " + question.maxPicks() + ".");
        }
        return Optional.empty();
    }
}
