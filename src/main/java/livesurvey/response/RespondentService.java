package livesurvey.response;

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
import java.util.function.LongConsumer;

/** A respondent's own response: start or resume, answer, validate steps, complete, reset. */
public final class RespondentService {
    private final ResponseDao responses;
    private final AnswerWriter writer;
    private final Validator validator;
    private final Clock clock;
    private final LongConsumer afterCommit;
    private final KeyValueCache<String, Long> responseIds;

    /**
     * @param afterCommit told the survey id after each committed change to one of its responses
     * @param responseIds response ids by token hash
     */
    public RespondentService(ResponseDao responses, AnswerWriter writer, Validator validator, Clock clock,
                             LongConsumer afterCommit, KeyValueCache<String, Long> responseIds) {
        this.responseIds = responseIds;
        this.responses = responses;
        this.writer = writer;
        this.validator = validator;
        this.clock = clock;
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
        long id = responses.start(survey.id(), RespondentTokens.hash(fresh), clock.millis());
        afterCommit.accept(survey.id());
        return new Started(stateOf(survey, responses.findById(id).orElseThrow()), fresh);
    }

    public RespondentState state(Survey survey, String token) {
        return stateOf(survey, require(survey, token));
    }

    /**
     * Stores an answer. The response id behind a token is cached: answers come at typing speed, and
     * the writer re-checks in its transaction that the response still exists and is open.
     */
    public AnswerResult answer(Survey survey, String token, Question question, AnswerValue value) {
        if (!RespondentTokens.looksValid(token)) {
            throw noResponse(survey);
        }
        long responseId = responseIds.get(RespondentTokens.hash(token), hash -> require(survey, token).id());
        return writer.write(survey.id(), responseId, question, value);
    }

    public StepResult validateStep(Survey survey, String token, int step) {
        if (step < 1 || step > survey.stepCount()) {
            throw new ApiException(404, "No step " + step + "; this survey has steps 1 to " + survey.stepCount());
        }
        ResponseRow response = require(survey, token);
        if (step > response.currentStep() && !response.completed()) {
            throw new ApiException(409, "Finish step " + response.currentStep() + " first.");
        }
        failOnErrors(errors(survey.questionsOfStep(step), response), "Step " + step + " has answers to fix.");
        Integer next = step < survey.stepCount() ? step + 1 : null;
        if (next != null) {
            responses.advance(survey.id(), response.id(), next, clock.millis());
            afterCommit.accept(survey.id());
        }
        return new StepResult(step, true, next);
    }

    /** Marks the response completed once every answer is valid; completing twice is harmless. */
    public RespondentState complete(Survey survey, String token) {
        ResponseRow response = require(survey, token);
        // Completes only if no answer landed after the ones validated (each bumps updated_at).
        for (int attempt = 1; !response.completed(); attempt++) {
            failOnErrors(errors(survey.questions(), response), "Some answers need fixing before you submit.");
            if (responses.markCompleted(survey.id(), response.id(), response.updatedAt(), clock.millis())) {
                afterCommit.accept(survey.id());
                break;
            }
            if (attempt == 3) {
                throw new ApiException(409, "Answers kept changing while submitting; please submit again.");
            }
            response = require(survey, token);
        }
        return stateOf(survey, responses.findById(response.id()).orElseThrow(() -> noResponse(survey)));
    }

    /** Reset & retry: the stored response stays, but this browser's token no longer reaches it. */
    public void reset(Survey survey, String token) {
        find(survey, token).ifPresent(r -> {
            responseIds.invalidate(RespondentTokens.hash(token));
            responses.forget(survey.id(), r.id(), clock.millis());
            afterCommit.accept(survey.id());
        });
    }

    /**
     * "Delete my answers": the response goes with everything stored about it (answers, unique claims,
     * counts), unlike reset, which only forgets the cookie. False when this browser has no response.
     */
    public boolean erase(Survey survey, String token) {
        Optional<ResponseRow> row = find(survey, token);
        if (row.isEmpty()) {
            return false;
        }
        responseIds.invalidate(RespondentTokens.hash(token));
        boolean deleted = responses.delete(survey.id(), row.get().id(), clock.millis());
        if (deleted) {
            afterCommit.accept(survey.id());
        }
        return deleted;
    }

    private Map<String, String> errors(List<Question> questions, ResponseRow response) {
        Map<Long, AnswerRow> stored = new LinkedHashMap<>();
        responses.answersOf(response.id()).forEach(a -> stored.put(a.questionId(), a));
        Map<String, String> errors = new LinkedHashMap<>();
        for (Question q : questions) {
            AnswerRow row = stored.get(q.id());
            AnswerValue value = row == null ? null : StoredValue.decode(q, row.answerValue());
            validator.check(q, response.id(), value).ifPresent(e -> errors.put(q.key(), e));
        }
        return errors;
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
