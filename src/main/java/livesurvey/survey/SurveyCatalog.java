package livesurvey.survey;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import livesurvey.cache.KeyValueCache;

import java.util.List;
import java.util.Optional;

/** Survey definitions by slug, read from the database and cached briefly. */
public final class SurveyCatalog {
    private static final TypeReference<List<Option>> OPTIONS = new TypeReference<>() {
    };

    private final SurveyDao dao;
    private final ObjectMapper mapper;
    private final KeyValueCache<String, Optional<Survey>> surveysBySlug;

    public SurveyCatalog(SurveyDao dao, ObjectMapper mapper, KeyValueCache<String, Optional<Survey>> surveysBySlug) {
        this.dao = dao;
        this.mapper = mapper;
        this.surveysBySlug = surveysBySlug;
    }

    public Optional<Survey> find(String slug) {
        return surveysBySlug.get(slug, this::load);
    }

    private Optional<Survey> load(String slug) {
        return dao.findBySlug(slug).map(row -> new Survey(row.id(), row.slug(), row.title(), row.intro(),
                row.thankYou(), row.revision(), dao.questions(row.id()).stream().map(this::toQuestion).toList()));
    }

    private Question toQuestion(SurveyDao.QuestionRow row) {
        try {
            return new Question(row.id(), row.questionKey(), row.label(), row.help(),
                    Question.Kind.valueOf(row.kind()), row.step(), row.position(), row.required(), row.isUnique(),
                    row.minLength(), row.maxLength(), mapper.readValue(row.options(), OPTIONS));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Question " + row.questionKey() + " has malformed options", e);
        }
    }
}
