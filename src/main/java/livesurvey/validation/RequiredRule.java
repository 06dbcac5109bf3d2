package livesurvey.validation;

import livesurvey.survey.Question;

import java.util.Optional;

/** A required question needs a non-blank answer; the only rule that looks at blank answers. */
final class RequiredRule {
    static final String MESSAGE = "This field is required.";

    private RequiredRule() {
    }

    static Optional<String> check(Question question, AnswerValue value) {
        return question.required() && (value == null || value.isBlank()) ? Optional.of(MESSAGE) : Optional.empty();
    }
}
