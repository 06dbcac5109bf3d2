package livesurvey.dashboard;

import livesurvey.survey.Question;
import livesurvey.survey.SummarySpec;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How completed answers spread: every option of a choice question, or the values of a number
 * question in order, grouped into {@value #BARS} equal ranges when there are more distinct values.
 */
final class DistributionSummary implements SummaryStrategy {
    static final int BARS = 10;

    @Override
    public List<OptionCount> compute(Tally tally, Question question, SummarySpec spec) {
        if (question.kind().isChoice()) {
            return SharesSummary.counts(tally, question);
        }
        TreeMap<BigDecimal, Long> values = new TreeMap<>();
        tally.items(question).forEach((item, count) -> {
            BigDecimal value = Tally.number(item);
            if (value != null && count > 0) {
                values.merge(value, count, Long::sum);
            }
        });
        if (values.size() <= BARS) {
            List<OptionCount> bars = new ArrayList<>();
            values.forEach((v, c) -> bars.add(new OptionCount(v.toPlainString(), v.toPlainString(), c)));
            return bars;
        }
        return ranges(values);
    }

    private static List<OptionCount> ranges(TreeMap<BigDecimal, Long> values) {
        BigDecimal low = values.firstKey();
        BigDecimal width = values.lastKey().subtract(low).divide(BigDecimal.valueOf(BARS), 6, RoundingMode.CEILING);
        long[] counts = new long[BARS];
        for (Map.Entry<BigDecimal, Long> e : values.entrySet()) {
            int bar = e.getKey().subtract(low).divide(width, 0, RoundingMode.FLOOR).intValue();
            counts[Math.min(bar, BARS - 1)] += e.getValue();
        }
        List<OptionCount> bars = new ArrayList<>();
        for (int i = 0; i < BARS; i++) {
            String from = low.add(width.multiply(BigDecimal.valueOf(i))).stripTrailingZeros().toPlainString();
            String to = low.add(width.multiply(BigDecimal.valueOf(i + 1))).stripTrailingZeros().toPlainString();
            bars.add(new OptionCount(from, from + "–" + to, counts[i]));
        }
        return bars;
    }
}
