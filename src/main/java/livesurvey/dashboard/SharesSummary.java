package livesurvey.dashboard;

import livesurvey.survey.Question;
import livesurvey.survey.SummarySpec;

import java.util.List;

/** Every option of a choice question with its count over completed responses (drawn as a pie). */
final class SharesSummary implements SummaryStrategy {
    @Override
    public List<OptionCount> compute(Tally tally, Question question, SummarySpec spec) {
        return counts(tally, question);
    }

    static List<OptionCount> counts(Tally tally, Question question) {
        return question.options().stream()
                .map(o -> new OptionCount(o.value(), o.label(), tally.chose(question, o.value())))
                .toList();
    }
}
