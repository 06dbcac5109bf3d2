package livesurvey.validation;

import livesurvey.survey.Question;

import java.util.Optional;

/** One validation behaviour (Strategy); the message says what is wrong, in words for the respondent. */
public interface FieldRule {
    /** Whether this rule has anything to say about the question. */
    boolean appliesTo(Question question);

    /** Checks a non-blank answer. */
    Optional<String> check(Question question, AnswerValue value);
}
