package livesurvey.dashboard;

import livesurvey.survey.Question;
import livesurvey.survey.SummarySpec;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;

/**
 * The mean answer over completed responses, to one decimal rounded half-up: of a number question,
 * or of a single choice whose option values are numbers (age). Exact, from the per-value counts:
 * never a running average.
 */
final class AverageSummary implements SummaryStrategy {
    @Override
    public BigDecimal compute(Tally tally, Question question, SummarySpec spec) {
        BigDecimal sum = BigDecimal.ZERO;
        long count = 0;
        for (Map.Entry<String, Long> item : tally.items(question).entrySet()) {
            BigDecimal value = Tally.number(item.getKey());
            boolean counts = question.kind().isChoice() ? question.hasOption(item.getKey()) : true;
            if (value != null && counts && item.getValue() > 0) {
                sum = sum.add(value.multiply(BigDecimal.valueOf(item.getValue())));
                count += item.getValue();
            }
        }
        return count == 0 ? null : sum.divide(BigDecimal.valueOf(count), 1, RoundingMode.HALF_UP);
    }
}
