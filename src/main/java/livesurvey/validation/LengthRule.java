package livesurvey.validation;

import livesurvey.survey.Question;

import java.util.Optional;

/** Minimum and maximum length of a text answer, counted in characters as a person counts them. */
final class LengthRule implements FieldRule {
    @Override
    public boolean appliesTo(Question question) {
        return !question.kind().isChoice() && (question.minLength() != null || question.maxLength() != null);
    }

    @Override
    public Optional<String> check(Question question, AnswerValue value) {
        int length = value.text().strip().codePointCount(0, value.text().strip().length());
        if (question.maxLength() != null && length > question.maxLength()) {
            return Optional.of("Must be at most " + question.maxLength() + " characters (now " + length + ").");
        }
        if (question.minLength() != null && length < question.minLength()) {
            return Optional.of("Must be at least " + question.minLength() + " characters.");
        }
        return Optional.empty();
    }
}
