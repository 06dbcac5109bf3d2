package livesurvey.dashboard;

import livesurvey.survey.Option;
import livesurvey.survey.Question;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * The mean of a question whose options are whole numbers (age), over completed responses, to one
 * decimal rounded half-up. Computed exactly from the per-option counts: never a running average.
 */
final class AverageAnswer implements SummaryValue<BigDecimal> {
    private final String key;

    AverageAnswer(String key) {
        this.key = key;
    }

    @Override
    public BigDecimal compute(Tally tally) {
        Question question = tally.question(key).orElse(null);
        if (question == null) {
            return null;
        }
        BigInteger sum = BigInteger.ZERO;
        long count = 0;
        for (Option option : question.options()) {
            long chose = tally.chose(question, option.value());
            if (chose > 0 && option.value().matches("-?\\d{1,9}")) {
                sum = sum.add(BigInteger.valueOf(Long.parseLong(option.value())).multiply(BigInteger.valueOf(chose)));
                count += chose;
            }
        }
        return count == 0 ? null : new BigDecimal(sum).divide(BigDecimal.valueOf(count), 1, RoundingMode.HALF_UP);
    }
}
