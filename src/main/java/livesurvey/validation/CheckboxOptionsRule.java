package livesurvey.validation;

import livesurvey.survey.Question;

import java.util.HashSet;
import java.util.Optional;

/** Every ticked checkbox must be one of the question's options, each at most once. */
final class CheckboxOptionsRule implements FieldRule {
    @Override
    public boolean appliesTo(Question question) {
        return question.kind() == Question.Kind.checkbox;
    }

    @Override
    public Optional<String> check(Question question, AnswerValue value) {
        var seen = new HashSet<String>();
        for (String choice : value.choices()) {
            if (!question.hasOption(choice)) {
                return Optional.of("'" + choice + "' is not one of the options.");
            }
            if (!seen.add(choice)) {
                return Optional.of("'" + choice + "' is ticked twice.");
            }
        }
        return Optional.empty();
    }
}
