package livesurvey.dashboard;

import livesurvey.cache.KeyValueCache;
import livesurvey.survey.Question;
import livesurvey.survey.SummarySpec;
import livesurvey.survey.Survey;
import livesurvey.trends.Trends;

import java.util.Map;

/**
 * The summary of a survey, built from its definition: each question's summaries (named there) are
 * computed by the strategy of their kind from the counters kept with every change (constant cost at
 * any number of responses), and cached until something changes it: every change committed on this
 * instance calls {@link #invalidate} before its reply is sent, and the live feed calls it for
 * changes made on other instances. The drop-off funnel (responses that reached each step) comes last.
 */
public final class Summariser {
    private final SummaryDao dao;
    private final KeyValueCache<Long, Summary> cache;
    private final ResponseCounts counts = new ResponseCounts();
    private final LastUpdated lastUpdated = new LastUpdated();
    private final Map<SummarySpec.Kind, SummaryStrategy> strategies = Map.of(
            SummarySpec.Kind.average, new AverageSummary(),
            SummarySpec.Kind.distribution, new DistributionSummary(),
            SummarySpec.Kind.shares, new SharesSummary(),
            SummarySpec.Kind.top, new TopSummary());

    private final Trends trends;

    public Summariser(SummaryDao dao, KeyValueCache<Long, Summary> cache, Trends trends) {
        this.dao = dao;
        this.cache = cache;
        this.trends = trends;
    }

    public Summary summary(Survey survey) {
        Summary cached = cache.get(survey.id(), id -> compute(survey));
        // A summary cached before the survey's latest revision would name the old summaries.
        if (!Integer.valueOf(survey.revision()).equals(cached.revision)) {
            cache.invalidate(survey.id());
            return cache.get(survey.id(), id -> compute(survey));
        }
        return cached;
    }

    /** Forgets the cached summary of a survey, e.g. when another instance reports a change. */
    public void invalidate(long surveyId) {
        cache.invalidate(surveyId);
    }

    /**
     * All responses of a survey: the cached summary's count when there is one (it is dropped with
     * every change, like the summary), else the counters (no COUNT over the rows). A table page
     * asks for it each time, and the summary beside it is nearly always cached.
     */
    public long responseCount(long surveyId) {
        Summary cached = cache.peek(surveyId);
        return cached != null ? ((Number) cached.get("count")).longValue() : dao.responseCount(surveyId);
    }

    private Summary compute(Survey survey) {
        Tally tally = Tally.of(survey, dao.counters(survey.id()), dao.lastUpdated(survey.id()));
        ResponseCounts.Counts c = counts.compute(tally);
        Summary summary = new Summary(survey.revision());
        summary.put("count", c.count());
        summary.put("completed", c.completed());
        for (Question question : survey.questions()) {
            for (SummarySpec spec : question.summaries()) {
                summary.put(spec.name(), strategies.get(spec.kind()).compute(tally, question, spec));
            }
        }
        summary.put("lastUpdated", lastUpdated.compute(tally));
        summary.put("funnel", trends.funnel(survey, c.completed()));
        return summary;
    }
}
