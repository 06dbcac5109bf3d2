package livesurvey.validation;

import java.util.List;

/** What a respondent answered: text for most questions, a list of choices for checkboxes. */
public record AnswerValue(String text, List<String> choices) {

    public static AnswerValue ofText(String text) {
        return new AnswerValue(text, null);
    }

    public static AnswerValue ofChoices(List<String> choices) {
        return new AnswerValue(null, List.copyOf(choices));
    }

    public boolean isChoices() {
        return choices != null;
    }

    public boolean isBlank() {
        return isChoices() ? choices.isEmpty() : text.isBlank();
    }
}
