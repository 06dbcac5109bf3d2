package livesurvey.response;

import livesurvey.survey.Question;
import livesurvey.validation.AnswerValue;
import livesurvey.validation.UniquePerSurveyRule;
import livesurvey.validation.Validator;
import livesurvey.web.ApiException;
import org.jdbi.v3.core.Jdbi;

import java.time.Clock;
import java.util.Optional;

/**
 * Every answer write goes through here: validate, then store the answer, its unique claim and the
 * response's last activity in one transaction. The reply is built only after the commit.
 */
public final class AnswerWriter {
    private final Jdbi jdbi;
    private final Validator validator;
    private final Clock clock;

    public AnswerWriter(Jdbi jdbi, Validator validator, Clock clock) {
        this.jdbi = jdbi;
        this.validator = validator;
        this.clock = clock;
    }

    public AnswerResult write(ResponseRow response, Question question, AnswerValue value) {
        Optional<String> problem = validator.check(question, response.id(), value);
        long now = clock.millis();
        String error = jdbi.inTransaction(handle -> {
            AnswerWriteDao dao = handle.attach(AnswerWriteDao.class);
            if (dao.touch(response.id(), question.key(), now) == 0) {
                throw new ApiException(409, "Survey already submitted.");
            }
            String verdict = problem.orElse(null);
            if (question.unique()) {
                dao.releaseClaim(response.id(), question.id());
                if (verdict == null && !value.isBlank()) {
                    verdict = claim(dao, question, response.id(), value);
                }
            }
            dao.upsertAnswer(response.id(), question.id(), StoredValue.encode(value), StoredValue.sortKey(value),
                    verdict == null, verdict, now);
            return verdict;
        });
        return new AnswerResult(question.key(), error == null, error);
    }

    private static String claim(AnswerWriteDao dao, Question question, long responseId, AnswerValue value) {
        String hash = UniquePerSurveyRule.valueHash(value);
        dao.claim(question.id(), hash, responseId);
        return dao.holder(question.id(), hash) == responseId ? null : UniquePerSurveyRule.message(question);
    }
}
