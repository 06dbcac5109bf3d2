package livesurvey.response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import livesurvey.survey.Question;
import livesurvey.validation.AnswerValue;
import livesurvey.web.Json;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** How an answer is kept in the answers table: text as typed, checkbox choices as a JSON array. */
public final class StoredValue {
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };
    static final int SORT_LENGTH = 191;
    private static final Pattern WHOLE_NUMBER = Pattern.compile("\\d{1,18}");

    private StoredValue() {
    }

    public static String encode(AnswerValue value) {
        if (!value.isChoices()) {
            return value.text();
        }
        try {
            return Json.MAPPER.writeValueAsString(value.choices());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static AnswerValue decode(Question question, String stored) {
        if (question.kind() != Question.Kind.checkbox) {
            return AnswerValue.ofText(stored);
        }
        try {
            return AnswerValue.ofChoices(Json.MAPPER.readValue(stored, STRINGS));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored checkbox answer is not a JSON array", e);
        }
    }

    /** What the answer looks like in JSON replies: a string, or a list of strings. */
    public static Object toJson(AnswerValue value) {
        return value.isChoices() ? value.choices() : value.text();
    }

    /**
     * A bounded, case-folded key that sorts a column the way a person expects on every database:
     * whole numbers are zero-padded so that 9 sorts before 16.
     */
    public static String sortKey(AnswerValue value) {
        String raw = value.isChoices() ? String.join(", ", value.choices()) : value.text().strip();
        String key = WHOLE_NUMBER.matcher(raw).matches() ? "0".repeat(19 - raw.length()) + raw : raw.toLowerCase(Locale.ROOT);
        // Cut in UTF-16 units (H2 counts those), never between the two halves of an emoji.
        if (key.length() <= SORT_LENGTH) {
            return key;
        }
        int end = Character.isHighSurrogate(key.charAt(SORT_LENGTH - 1)) ? SORT_LENGTH - 1 : SORT_LENGTH;
        return key.substring(0, end);
    }
}
