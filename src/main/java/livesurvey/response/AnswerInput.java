package livesurvey.response;

import com.fasterxml.jackson.databind.JsonNode;
import livesurvey.survey.Question;
import livesurvey.validation.AnswerValue;
import livesurvey.web.ApiException;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Reads {"value": …} for one question. Wrong shapes and unstorable text are refused (400) and
 * nothing is stored; a well-formed value that breaks the question's rules is stored, flagged invalid.
 */
final class AnswerInput {
    static final int MAX_TEXT = 10_000;
    static final int MAX_CHOICES = 100;

    private AnswerInput() {
    }

    static AnswerValue read(JsonNode body, Question question) {
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("value")) {
                throw new ApiException(400, "Unknown property '" + name + "': send only {\"value\": …}", question.key(), null);
            }
        }
        JsonNode value = body.get("value");
        if (value == null) {
            throw new ApiException(400, "Missing \"value\"", question.key(), null);
        }
        if (question.kind() == Question.Kind.checkbox) {
            if (!value.isArray()) {
                throw new ApiException(400, "\"value\" must be an array of strings for " + question.key(), question.key(), null);
            }
            if (value.size() > MAX_CHOICES) {
                throw new ApiException(400, "Too many choices", question.key(), null);
            }
            List<String> choices = new ArrayList<>();
            for (JsonNode item : value) {
                if (!item.isTextual()) {
                    throw new ApiException(400, "\"value\" must be an array of strings for " + question.key(), question.key(), null);
                }
                choices.add(checkedText(item.textValue(), question, 200));
            }
            return AnswerValue.ofChoices(choices);
        }
        if (!value.isTextual()) {
            throw new ApiException(400, "\"value\" must be a string for " + question.key(), question.key(), null);
        }
        return AnswerValue.ofText(checkedText(value.textValue(), question, MAX_TEXT));
    }

    /** Text the database can store and a dashboard can show: no control characters, no broken surrogates. */
    private static String checkedText(String text, Question question, int max) {
        if (text.codePointCount(0, text.length()) > max) {
            throw new ApiException(400, "Value too long: at most " + max + " characters", question.key(), null);
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean control = (c < 0x20 && c != '\n' && c != '\r' && c != '\t') || c == 0x7f;
            if (control) {
                throw new ApiException(400, "Value contains a control character (U+" + String.format("%04X", (int) c) + ")",
                        question.key(), null);
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new ApiException(400, "Value contains an unpaired surrogate: not valid Unicode text", question.key(), null);
            }
        }
        return text;
    }
}
