package livesurvey.dashboard;

import livesurvey.response.AnswerRow;
import livesurvey.response.ResponseDao;
import livesurvey.response.ResponseRow;
import livesurvey.response.StoredValue;
import livesurvey.survey.Question;
import livesurvey.survey.Survey;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Turns response rows and their answers into {@link Row}s: one answers query per page, not per row. */
public final class RowBuilder {
    private final ResponseDao responses;

    public RowBuilder(ResponseDao responses) {
        this.responses = responses;
    }

    /** One response as a Row, for the API. */
    public Optional<Row> row(Survey survey, long id) {
        return responses.findById(id).filter(r -> r.surveyId() == survey.id()).map(r -> rows(survey, List.of(
                listed(r))).get(0));
    }

    /** Several responses as Rows by id, for the live feed's events; deleted ones are absent. */
    public Map<Long, Row> rowsById(Survey survey, Collection<Long> ids) {
        List<Listed> found = responses.findByIds(survey.id(), ids).stream().map(RowBuilder::listed).toList();
        Map<Long, Row> byId = new HashMap<>();
        rows(survey, found).forEach(r -> byId.put(r.id(), r));
        return byId;
    }

    private static Listed listed(ResponseRow r) {
        return new Listed(r.id(), r.currentStep(), r.editingKey(), r.startedAt(), r.updatedAt(), r.completedAt(), null);
    }

    List<Row> rows(Survey survey, List<Listed> listed) {
        return rows(responses, survey, listed);
    }

    /** With the DAO of a handle the caller already holds (a page reads its rows and answers on one connection). */
    static List<Row> rows(ResponseDao responses, Survey survey, List<Listed> listed) {
        if (listed.isEmpty()) {
            return List.of();
        }
        Map<Long, List<AnswerRow>> answers = new HashMap<>();
        for (AnswerRow a : responses.answersOf(listed.stream().map(Listed::id).toList())) {
            answers.computeIfAbsent(a.responseId(), k -> new ArrayList<>()).add(a);
        }
        return listed.stream().map(l -> row(survey, l, answers.getOrDefault(l.id(), List.of()))).toList();
    }

    static Row row(Survey survey, Listed r, List<AnswerRow> stored) {
        Map<Long, AnswerRow> byQuestion = new HashMap<>();
        stored.forEach(a -> byQuestion.put(a.questionId(), a));
        Map<String, Object> answers = new LinkedHashMap<>();
        Map<String, String> invalid = new LinkedHashMap<>();
        for (Question q : survey.questions()) {
            AnswerRow a = byQuestion.get(q.id());
            if (a == null) {
                continue;
            }
            answers.put(q.key(), StoredValue.toJson(StoredValue.decode(q, a.answerValue())));
            if (!a.valid()) {
                invalid.put(q.key(), a.error());
            }
        }
        Map<String, Object> earlier = new LinkedHashMap<>();
        for (Question q : survey.removed()) {
            AnswerRow a = byQuestion.get(q.id());
            if (a != null) {
                earlier.put(q.key(), StoredValue.toJson(StoredValue.decode(q, a.answerValue())));
            }
        }
        return new Row(r.id(), Instant.ofEpochMilli(r.startedAt()), Instant.ofEpochMilli(r.updatedAt()),
                r.completedAt() == null ? null : Instant.ofEpochMilli(r.completedAt()), r.completedAt() != null,
                r.currentStep(), r.completedAt() == null ? r.editingKey() : null, answers, invalid, earlier);
    }
}
