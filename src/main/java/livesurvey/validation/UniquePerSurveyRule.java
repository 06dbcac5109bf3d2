package livesurvey.validation;

import livesurvey.survey.Question;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * A unique question's answer may be held by one response of the survey only. The check here is
 * advisory; the primary key of {@code unique_claims} is the guard when two respondents race.
 */
public final class UniquePerSurveyRule {
    private UniquePerSurveyRule() {
    }

    public static String message(Question question) {
        return "This " + question.label().toLowerCase(Locale.ROOT) + " has already been used for this survey.";
    }

    /** The key a value is claimed under: case and surrounding spaces do not make a value new. */
    public static String valueHash(AnswerValue value) {
        String normal = value.text().strip().toLowerCase(Locale.ROOT);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(normal.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static Optional<String> check(Question question, long responseId, AnswerValue value, ClaimLookup claims) {
        if (!question.unique() || value.isChoices()) {
            return Optional.empty();
        }
        Optional<Long> holder = claims.holderOf(question.id(), valueHash(value));
        return holder.isPresent() && holder.get() != responseId ? Optional.of(message(question)) : Optional.empty();
    }

    /** Who, if anyone, holds a value of a unique question. */
    @FunctionalInterface
    public interface ClaimLookup {
        Optional<Long> holderOf(long questionId, String valueHash);
    }
}
