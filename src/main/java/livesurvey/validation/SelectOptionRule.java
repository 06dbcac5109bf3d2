package livesurvey.validation;

import livesurvey.survey.Question;

import java.util.Optional;

/** A select or radio answer must be one of the question's options. */
final class SelectOptionRule implements FieldRule {
    static final String MESSAGE = "Choose one of the options.";

    @Override
    public boolean appliesTo(Question question) {
        return question.kind() == Question.Kind.select || question.kind() == Question.Kind.radio;
    }

    @Override
    public Optional<String> check(Question question, AnswerValue value) {
        return question.hasOption(value.text()) ? Optional.empty() : Optional.of(MESSAGE);
    }
}
