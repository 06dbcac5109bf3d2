package livesurvey.survey;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import livesurvey.response.StoredValue;
import livesurvey.validation.AnswerValue;
import livesurvey.web.ApiException;
import org.jdbi.v3.core.Jdbi;

import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.LongConsumer;
import java.util.stream.Collectors;

/**
 * Creates, revises, opens/closes and deletes surveys. A revision never corrupts answers: questions
 * keep their ids by key, removed ones are only marked so, and once a survey has answers a change of
 * type or the removal of an option some answer uses is refused (409) with the reason.
 */
public final class SurveyEditor {
    private final Jdbi jdbi;
    private final SurveyCatalog catalog;
    private final ObjectMapper mapper;
    private final Clock clock;
    /** Told the id of every survey whose answers or counters changed shape (summary cache). */
    private final LongConsumer changed;

    public SurveyEditor(Jdbi jdbi, SurveyCatalog catalog, ObjectMapper mapper, Clock clock, LongConsumer changed) {
        this.jdbi = jdbi;
        this.catalog = catalog;
        this.mapper = mapper;
        this.clock = clock;
        this.changed = changed;
    }

    public Survey create(DefinitionReader.Draft draft) {
        jdbi.useTransaction(h -> {
            SurveyAdminDao dao = h.attach(SurveyAdminDao.class);
            if (dao.idOf(draft.slug()).isPresent()) {
                throw new ApiException(409, "A survey with the slug '" + draft.slug() + "' exists already", "slug", null);
            }
            long id = dao.insertSurvey(draft.slug(), draft.title(), draft.intro(), draft.thankYou(), clock.millis());
            draft.questions().forEach(q -> dao.insertQuestion(columns(id, q)));
        });
        return reload(draft.slug());
    }

    public Survey replace(Survey cached, DefinitionReader.Draft draft) {
        Survey survey = reload(cached.slug()); // another instance may have revised it since it was cached
        if (!draft.slug().equals(survey.slug())) {
            throw new ApiException(422, "The slug cannot change; to copy a survey, POST it with a new slug", "slug",
                    Map.of("slug", "must be '" + survey.slug() + "'"));
        }
        jdbi.useTransaction(h -> {
            SurveyAdminDao dao = h.attach(SurveyAdminDao.class);
            refuseCorruptingChanges(dao, survey, draft);
            int revision = survey.revision() + 1;
            dao.updateSurvey(survey.id(), draft.title(), draft.intro(), draft.thankYou(), revision);
            Map<String, Question> stored = byKey(survey);
            for (Question q : draft.questions()) {
                if (stored.containsKey(q.key())) {
                    dao.updateQuestion(columns(survey.id(), q));
                } else {
                    dao.insertQuestion(columns(survey.id(), q));
                }
            }
            Set<String> kept = draft.questions().stream().map(Question::key).collect(Collectors.toSet());
            survey.questions().stream().filter(q -> !kept.contains(q.key())).forEach(q -> {
                if (dao.deleteUnanswered(q.id()) == 0) {
                    dao.markRemoved(q.id(), revision);
                }
            });
        });
        changed.accept(survey.id());
        return reload(survey.slug());
    }

    public Survey setStatus(Survey survey, Survey.Status status) {
        jdbi.useExtension(SurveyAdminDao.class, dao -> dao.setStatus(survey.id(), status.name()));
        return reload(survey.slug());
    }

    public void delete(Survey survey) {
        jdbi.useTransaction(h -> {
            SurveyAdminDao dao = h.attach(SurveyAdminDao.class);
            dao.deleteChanges(survey.id());
            dao.deleteCounters(survey.id());
            dao.deleteResponses(survey.id());
            dao.deleteQuestions(survey.id());
            dao.deleteSurvey(survey.id());
        });
        catalog.invalidate(survey.slug());
        changed.accept(survey.id());
    }

    /** With answers stored, a question keeps its type family and every option an answer uses. */
    private void refuseCorruptingChanges(SurveyAdminDao dao, Survey survey, DefinitionReader.Draft draft) {
        if (dao.anyAnswer(survey.id()).isEmpty()) {
            return;
        }
        Map<String, Question> stored = byKey(survey);
        Map<String, String> why = new LinkedHashMap<>();
        for (Question q : draft.questions()) {
            Question old = stored.get(q.key());
            if (old == null) {
                continue;
            }
            String path = "steps[" + (q.step() - 1) + "].questions[" + (q.position() - 1) + "]";
            if (!old.kind().sameFamily(q.kind())) {
                why.put(path + ".type", "'" + q.key() + "' has answers as a " + old.kind()
                        + " question; its type cannot change to " + q.kind() + " (add a new question instead)");
                continue;
            }
            for (Option option : old.options()) {
                if (!q.hasOption(option.value()) && used(dao, old, option.value())) {
                    why.put(path + ".options", "option '" + option.value() + "' of '" + q.key()
                            + "' is used by answers and cannot be removed (relabel it instead)");
                    break;
                }
            }
        }
        if (!why.isEmpty()) {
            throw new ApiException(409, "This change would corrupt stored answers: " + why.values().iterator().next(),
                    why.keySet().iterator().next(), why);
        }
    }

    private boolean used(SurveyAdminDao dao, Question q, String value) {
        if (q.kind() != Question.Kind.checkbox) {
            return dao.answerIs(q.id(), StoredValue.sortKey(AnswerValue.ofText(value)), value).isPresent();
        }
        String json = json(value).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        return dao.answerContains(q.id(), "%" + json + "%").isPresent();
    }

    /** Every question the survey ever had, by key (removed ones too: re-adding a key revives it). */
    private static Map<String, Question> byKey(Survey survey) {
        Map<String, Question> byKey = new HashMap<>();
        survey.removed().forEach(q -> byKey.put(q.key(), q));
        survey.questions().forEach(q -> byKey.put(q.key(), q));
        return byKey;
    }

    private Survey reload(String slug) {
        catalog.invalidate(slug);
        return catalog.find(slug).orElseThrow(() -> new IllegalStateException("Survey " + slug + " vanished"));
    }

    private SurveyAdminDao.QuestionColumns columns(long surveyId, Question q) {
        return new SurveyAdminDao.QuestionColumns(surveyId, q.key(), q.label(), q.help(), q.kind().name(), q.step(),
                q.position(), q.required(), q.unique(), q.minLength(), q.maxLength(), json(q.options()),
                json(q.settings()));
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
