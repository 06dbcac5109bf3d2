package livesurvey.privacy;

import livesurvey.dashboard.Deletion;
import livesurvey.dashboard.Row;
import livesurvey.dashboard.RowBuilder;
import livesurvey.response.StoredValue;
import livesurvey.survey.Question;
import livesurvey.survey.Survey;
import livesurvey.validation.AnswerValue;
import livesurvey.web.ApiException;
import org.jdbi.v3.core.Jdbi;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A data-protection request about one respondent, found by an answer they gave (an email, say):
 * export everything stored about them, or erase it. Erasure goes through the dashboard's
 * {@link Deletion}, so answers, unique claims and counters go in one transaction per response and
 * every open dashboard is told.
 */
public final class RespondentData {
    /** What the export says is stored, so the person reading it knows there is nothing else. */
    static final String STORED = "Each response: its answers as typed, whether each is valid, the step reached, "
            + "when it was started, last changed and completed, and a SHA-256 hash of the browser's cookie. "
            + "No IP address, user agent or other device data is stored.";

    private final PrivacyDao dao;
    private final RowBuilder rows;
    private final Deletion deletion;
    private final Clock clock;

    public RespondentData(Jdbi jdbi, RowBuilder rows, Deletion deletion, Clock clock) {
        this.dao = jdbi.onDemand(PrivacyDao.class);
        this.rows = rows;
        this.deletion = deletion;
        this.clock = clock;
    }

    public RespondentExport export(Survey survey, RespondentQuery query) {
        List<Row> found = new ArrayList<>();
        for (long id : find(survey, query)) {
            rows.row(survey, id).ifPresent(found::add);
        }
        return new RespondentExport(survey.slug(), query, clock.instant(), found, STORED);
    }

    public Erased erase(Survey survey, RespondentQuery query) {
        List<Long> erased = new ArrayList<>();
        for (long id : find(survey, query)) {
            if (deletion.delete(survey, id)) {
                erased.add(id);
            }
        }
        return new Erased(erased.size(), erased);
    }

    /** The ids of the survey's responses whose answer equals the value, ignoring case and outer spaces. */
    List<Long> find(Survey survey, RespondentQuery query) {
        Question question = freeTextQuestion(survey, query.key());
        String wanted = query.value().strip();
        String sortKey = StoredValue.sortKey(AnswerValue.ofText(wanted));
        return dao.candidates(survey.id(), question.id(), sortKey).stream()
                .filter(c -> c.answerValue().strip().equalsIgnoreCase(wanted))
                .map(PrivacyDao.Candidate::responseId).toList();
    }

    private static Question freeTextQuestion(Survey survey, String key) {
        Optional<Question> question = survey.question(key);
        if (question.isEmpty()) {
            throw new ApiException(404, "Unknown question '" + key + "'", "key", null);
        }
        if (question.get().kind().isChoice()) {
            throw new ApiException(422, "Find a respondent by a free-text answer, such as an email: '" + key
                    + "' is a choice many respondents share", "key", null);
        }
        return question.get();
    }
}
