package livesurvey.response;

import livesurvey.survey.Question;
import livesurvey.validation.AnswerValue;
import livesurvey.validation.UniquePerSurveyRule;
import livesurvey.validation.Validator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Some questions' stored answers, validated: the problems by question key, and the unique values
 * the response must hold (taken in the transaction that moves it on or completes it).
 */
record StepCheck(Map<String, String> errors, List<UniqueClaims.Claim> claims) {
    static StepCheck of(ResponseDao responses, Validator validator, List<Question> questions, ResponseRow response) {
        Map<Long, AnswerRow> stored = new LinkedHashMap<>();
        responses.answersOf(response.id()).forEach(a -> stored.put(a.questionId(), a));
        Map<String, String> errors = new LinkedHashMap<>();
        List<UniqueClaims.Claim> claims = new ArrayList<>();
        for (Question q : questions) {
            AnswerRow row = stored.get(q.id());
            AnswerValue value = row == null ? null : StoredValue.decode(q, row.answerValue());
            Optional<String> problem = validator.check(q, response.id(), value);
            if (problem.isPresent()) {
                errors.put(q.key(), problem.get());
            } else if (q.unique() && value != null && !value.isBlank() && !value.isChoices()) {
                claims.add(new UniqueClaims.Claim(q, UniquePerSurveyRule.valueHash(value)));
            }
        }
        return new StepCheck(errors, claims);
    }
}
