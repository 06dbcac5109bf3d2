package livesurvey.dashboard;

import java.util.Comparator;
import java.util.List;

/**
 * The most chosen options of any choice question over completed responses, most first; ties keep
 * the options' own order, and options nobody chose are left out.
 */
class TopAnswers implements SummaryValue<List<OptionCount>> {
    private final String key;
    private final int size;

    TopAnswers(String key, int size) {
        this.key = key;
        this.size = size;
    }

    @Override
    public List<OptionCount> compute(Tally tally) {
        return tally.question(key).map(q -> AnswerShares.counts(tally, q).stream()
                .filter(c -> c.count() > 0)
                .sorted(Comparator.comparingLong(OptionCount::count).reversed()) // stable: ties keep option order
                .limit(size)
                .toList()).orElse(List.of());
    }
}
