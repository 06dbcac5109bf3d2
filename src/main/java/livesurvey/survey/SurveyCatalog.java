package livesurvey.survey;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import livesurvey.cache.KeyValueCache;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Survey definitions by slug, read from the database and cached until an edit invalidates them (or,
 * for edits on another instance, briefly). The definition's JSON and its ETag are computed once per
 * load, not per request.
 */
public final class SurveyCatalog {
    private static final TypeReference<List<Option>> OPTIONS = new TypeReference<>() {
    };

    /** A survey with its definition serialised once, and the ETag of those bytes. */
    public record Published(Survey survey, byte[] body, String etag) {
    }

    private final SurveyDao dao;
    private final ObjectMapper mapper;
    private final KeyValueCache<String, Optional<Published>> surveysBySlug;

    public SurveyCatalog(SurveyDao dao, ObjectMapper mapper, KeyValueCache<String, Optional<Published>> surveysBySlug) {
        this.dao = dao;
        this.mapper = mapper;
        this.surveysBySlug = surveysBySlug;
    }

    public Optional<Survey> find(String slug) {
        return published(slug).map(Published::survey);
    }

    public Optional<Published> published(String slug) {
        return surveysBySlug.get(slug, this::load);
    }

    /** After an edit on this instance: the next request reads the new revision. */
    public void invalidate(String slug) {
        surveysBySlug.invalidate(slug);
    }

    private Optional<Published> load(String slug) {
        return dao.findBySlug(slug).map(row -> {
            List<SurveyDao.QuestionRow> rows = dao.questions(row.id());
            Survey survey = new Survey(row.id(), row.slug(), row.title(), row.intro(), row.thankYou(), row.revision(),
                    Survey.Status.valueOf(row.status()),
                    rows.stream().filter(q -> q.removedIn() == null).map(this::toQuestion).toList(),
                    rows.stream().filter(q -> q.removedIn() != null).map(this::toQuestion).toList());
            return publish(survey);
        });
    }

    private Published publish(Survey survey) {
        try {
            byte[] body = mapper.writeValueAsBytes(SurveyDefinition.of(survey));
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            // The revision in the tag makes each edit a new tag even if it only renamed nothing visible.
            String etag = "\"r" + survey.revision() + "-" + HexFormat.of().formatHex(digest, 0, 12) + "\"";
            return new Published(survey, body, etag);
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("Cannot serialise survey " + survey.slug(), e);
        }
    }

    private Question toQuestion(SurveyDao.QuestionRow row) {
        try {
            Question.Settings s = row.settings() == null ? new Question.Settings(null, null, null, null, null, null)
                    : mapper.readValue(row.settings(), Question.Settings.class);
            return new Question(row.id(), row.questionKey(), row.label(), row.help(),
                    Question.Kind.valueOf(row.kind()), row.step(), row.position(), row.required(), row.isUnique(),
                    row.minLength(), row.maxLength(), s.min(), s.max(), s.integer(), s.minPicks(), s.maxPicks(),
                    mapper.readValue(row.options(), OPTIONS), s.summaries() == null ? List.of() : s.summaries());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Question " + row.questionKey() + " has malformed settings", e);
        }
    }
}
