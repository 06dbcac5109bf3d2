package livesurvey.response;

import livesurvey.DatabaseRetry;
import livesurvey.cache.KeyValueCache;
import livesurvey.survey.Question;
import livesurvey.survey.Survey;
import livesurvey.validation.AnswerValue;
import livesurvey.validation.Validator;
import livesurvey.web.ApiException;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A respondent's own response: start or resume, answer, validate steps, complete, reset. */
public final class RespondentService {
    private final ResponseDao responses;
    private final AnswerWriter writer;
    private final Validator validator;
    private final Clock clock;
    private final DatabaseRetry retry;
    private final CommitListener afterCommit;
    private final KeyValueCache<String, Long> responseIds;

    /**
     * @param retry       runs each transaction again on a transient error
     * @param afterCommit told the survey id after each committed change to one of its responses
     * @param responseIds response ids by survey id and token hash ({@link #cacheKey})
     */
    public RespondentService(ResponseDao responses, AnswerWriter writer, Validator validator, Clock clock,
                             DatabaseRetry retry, CommitListener afterCommit, KeyValueCache<String, Long> responseIds) {
        this.responseIds = responseIds;
        this.responses = responses;
        this.writer = writer;
        this.validator = validator;
        this.clock = clock;
        this.retry = retry;
        this.afterCommit = afterCommit;
    }

    /** A response started for a new token, or resumed for a known one. */
    public record Started(RespondentState state, String newToken) {
    }

    public Started startOrResume(Survey survey, String token) {
        Optional<ResponseRow> existing = find(survey, token);
        if (existing.isPresent()) {
            return new Started(stateOf(survey, existing.get()), null);
        }
        String fresh = RespondentTokens.newToken();
        long id = retry.call(() -> responses.start(survey.id(), RespondentTokens.hash(fresh), clock.millis()));
        afterCommit.committed(survey.id());
        return new Started(stateOf(survey, responses.findById(id).orElseThrow()), fresh);
    }

    public RespondentState state(Survey survey, String token) {
        return stateOf(survey, require(survey, token));
    }

    /**
     * Stores an answer. The response id behind a token is cached: answers come at typing speed, and
     * the writer re-checks in its transaction that the response still belongs to this survey and
     * token and is open. A cached id the writer refuses is dropped.
     */
    public AnswerResult answer(Survey survey, String token, Question question, AnswerValue value) {
        if (!RespondentTokens.looksValid(token)) {
            throw noResponse(survey);
        }
        String tokenHash = RespondentTokens.hash(token);
        String key = cacheKey(survey.id(), tokenHash);
        long responseId = responseIds.get(key, k -> require(survey, token).id());
        try {
            return writer.write(survey.id(), responseId, tokenHash, question, value);
        } catch (ApiException e) {
            if (e.status() == 404) {
                responseIds.invalidate(key);
            }
            throw e;
        }
    }

    /** A token reaches a response only within its survey. */
    private static String cacheKey(long surveyId, String tokenHash) {
        return surveyId + ":" + tokenHash;
    }

    /** Another instance reset a response: its token reaches nothing here either. */
    public void forgotten(long responseId) {
        responseIds.invalidateIf(id -> id == responseId);
    }

    public StepResult validateStep(Survey survey, String token, int step) {
        if (step < 1 || step > survey.stepCount()) {
            throw new ApiException(404, "No step " + step + "; this survey has steps 1 to " + survey.stepCount());
        }
        Integer next = step < survey.stepCount() ? step + 1 : null;
        for (int attempt = 1; ; attempt++) {
            ResponseRow response = require(survey, token);
            if (step > response.currentStep() && !response.completed()) {
                throw new ApiException(409, "Finish step " + response.currentStep() + " first.");
            }
            StepCheck checked = StepCheck.of(responses, validator, survey.questionsOfStep(step), response);
            failOnErrors(checked.errors(), "Step " + step + " has answers to fix.");
            if (response.completed()) {
                return new StepResult(step, true, next);
            }
            ResponseDao.Settled settled = retry.call(() -> responses.advance(survey.id(), response.id(),
                    response.version(), checked.claims(), next == null ? step : next, clock.millis()));
            if (settled == ResponseDao.Settled.DONE) {
                afterCommit.committed(survey.id());
                return new StepResult(step, true, next);
            }
            giveUpAfter(attempt, settled, survey);
        }
    }

    /**
     * Marks the response completed once every answer is valid and it holds every unique value it
     * answered; completing twice is harmless.
     */
    public RespondentState complete(Survey survey, String token) {
        ResponseRow response = require(survey, token);
        // Completes only if no answer landed after the ones validated (each increments the version).
        for (int attempt = 1; !response.completed(); attempt++) {
            StepCheck checked = StepCheck.of(responses, validator, survey.questions(), response);
            failOnErrors(checked.errors(), "Some answers need fixing before you submit.");
            ResponseRow validated = response;
            ResponseDao.Settled settled = retry.call(() -> responses.markCompleted(survey.id(), validated.id(),
                    validated.version(), checked.claims(), clock.millis()));
            if (settled == ResponseDao.Settled.DONE) {
                afterCommit.committed(survey.id());
                break;
            }
            giveUpAfter(attempt, settled, survey);
            response = require(survey, token);
        }
        return stateOf(survey, responses.findById(response.id()).orElseThrow(() -> noResponse(survey)));
    }

    private static void giveUpAfter(int attempt, ResponseDao.Settled settled, Survey survey) {
        if (settled == ResponseDao.Settled.GONE) {
            throw noResponse(survey);
        }
        if (attempt == 3) {
            throw new ApiException(409, "Answers kept changing while submitting; please submit again.");
        }
    }

    /** Reset & retry: the stored response stays, but this browser's token no longer reaches it. */
    public void reset(Survey survey, String token) {
        find(survey, token).ifPresent(r -> {
            responseIds.invalidate(cacheKey(survey.id(), RespondentTokens.hash(token)));
            retry.run(() -> responses.forget(survey.id(), r.id(), clock.millis()));
            afterCommit.committed(survey.id());
        });
    }

    /** "Delete my answers": the response goes with all stored with it (reset only forgets the cookie). */
    public boolean erase(Survey survey, String token) {
        Optional<ResponseRow> row = find(survey, token);
        row.ifPresent(r -> responseIds.invalidate(cacheKey(survey.id(), RespondentTokens.hash(token))));
        boolean deleted = row.isPresent() && retry.call(() -> responses.delete(survey.id(), row.get().id(), clock.millis()));
        if (deleted) {
            afterCommit.committed(survey.id());
        }
        return deleted;
    }

    private static void failOnErrors(Map<String, String> errors, String message) {
        if (!errors.isEmpty()) {
            throw new ApiException(422, message, errors.keySet().iterator().next(), errors);
        }
    }

    private Optional<ResponseRow> find(Survey survey, String token) {
        if (!RespondentTokens.looksValid(token)) {
            return Optional.empty();
        }
        return responses.findByToken(survey.id(), RespondentTokens.hash(token));
    }

    private ResponseRow require(Survey survey, String token) {
        return find(survey, token).orElseThrow(() -> noResponse(survey));
    }

    private static ApiException noResponse(Survey survey) {
        return ApiException.notFound(
                "No response for this browser yet: POST /api/surveys/" + survey.slug() + "/responses to start one.");
    }

    private RespondentState stateOf(Survey survey, ResponseRow row) {
        Map<Long, Question> byId = new LinkedHashMap<>();
        survey.questions().forEach(q -> byId.put(q.id(), q));
        Map<String, RespondentState.AnswerState> answers = new LinkedHashMap<>();
        for (AnswerRow a : responses.answersOf(row.id())) {
            Question q = byId.get(a.questionId());
            if (q != null) {
                answers.put(q.key(), new RespondentState.AnswerState(
                        StoredValue.toJson(StoredValue.decode(q, a.answerValue())), a.valid(), a.error()));
            }
        }
        return new RespondentState(row.id(), survey.slug(), row.currentStep(), survey.stepCount(), row.completed(),
                Instant.ofEpochMilli(row.startedAt()), Instant.ofEpochMilli(row.updatedAt()),
                row.completedAt() == null ? null : Instant.ofEpochMilli(row.completedAt()), answers);
    }
}
