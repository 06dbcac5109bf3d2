package livesurvey.dashboard;

import livesurvey.survey.Question;
import livesurvey.survey.SummarySpec;

import java.util.Comparator;
import java.util.List;

/**
 * The N most chosen options of a choice question over completed responses, most first; ties keep
 * the options' own order, and options nobody chose are left out.
 */
final class TopSummary implements SummaryStrategy {
    @Override
    public List<OptionCount> compute(Tally tally, Question question, SummarySpec spec) {
        return SharesSummary.counts(tally, question).stream()
                .filter(c -> c.count() > 0)
                .sorted(Comparator.comparingLong(OptionCount::count).reversed()) // stable: ties keep option order
                .limit(spec.size() == null ? 3 : spec.size())
                .toList();
    }
}
