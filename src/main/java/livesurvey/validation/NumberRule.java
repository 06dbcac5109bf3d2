package livesurvey.validation;

import livesurvey.survey.Question;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.regex.Pattern;

/** A number answer: a plain decimal (a comma or a point), whole if asked, within min and max. */
public final class NumberRule implements FieldRule {
    private static final Pattern NUMBER = Pattern.compile("-?\\d{1,15}([.,]\\d{1,6})?");

    @Override
    public boolean appliesTo(Question question) {
        return question.kind() == Question.Kind.number;
    }

    @Override
    public Optional<String> check(Question question, AnswerValue value) {
        String text = value.text().strip();
        if (!NUMBER.matcher(text).matches()) {
            return Optional.of("Enter a number, like 42" + (Boolean.TRUE.equals(question.integer()) ? "." : " or 4.5."));
        }
        BigDecimal number = parse(text);
        if (Boolean.TRUE.equals(question.integer()) && number.stripTrailingZeros().scale() > 0) {
            return Optional.of("Enter a whole number.");
        }
        if (question.min() != null && number.compareTo(question.min()) < 0) {
            return Optional.of("Must be at least " + question.min().toPlainString() + ".");
        }
        if (question.max() != null && number.compareTo(question.max()) > 0) {
            return Optional.of("Must be at most " + question.max().toPlainString() + ".");
        }
        return Optional.empty();
    }

    /** The number a valid answer means; the summary counts answers by this canonical form. */
    public static BigDecimal parse(String text) {
        return new BigDecimal(text.strip().replace(',', '.'));
    }
}
