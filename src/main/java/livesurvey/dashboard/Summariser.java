package livesurvey.dashboard;

import livesurvey.cache.KeyValueCache;
import livesurvey.survey.Survey;
import livesurvey.trends.Trends;

/**
 * The summary of a survey, computed from the counters kept with every change (constant cost at any
 * number of responses) and cached until something changes it: every change committed on this
 * instance calls {@link #invalidate} before its reply is sent, and the live feed calls it for
 * changes made on other instances.
 */
public final class Summariser {
    private final SummaryDao dao;
    private final KeyValueCache<Long, Summary> cache;
    private final ResponseCounts counts = new ResponseCounts();
    private final AverageAnswer averageAge = new AverageAnswer("age");
    private final AnswerShares genders = new AnswerShares("gender");
    private final TopAnswers topColours = new TopColours();
    private final LastUpdated lastUpdated = new LastUpdated();

    private final Trends trends;

    public Summariser(SummaryDao dao, KeyValueCache<Long, Summary> cache, Trends trends) {
        this.dao = dao;
        this.cache = cache;
        this.trends = trends;
    }

    public Summary summary(Survey survey) {
        return cache.get(survey.id(), id -> compute(survey));
    }

    /** Forgets the cached summary of a survey, e.g. when another instance reports a change. */
    public void invalidate(long surveyId) {
        cache.invalidate(surveyId);
    }

    /** All responses of a survey, from the counters (no COUNT over the rows). */
    public long responseCount(long surveyId) {
        return dao.responseCount(surveyId);
    }

    private Summary compute(Survey survey) {
        Tally tally = Tally.of(survey, dao.counters(survey.id()), dao.lastUpdated(survey.id()));
        ResponseCounts.Counts c = counts.compute(tally);
        return new Summary(c.count(), c.completed(), averageAge.compute(tally), genders.compute(tally),
                topColours.compute(tally), lastUpdated.compute(tally), trends.funnel(survey, c.completed()));
    }
}
