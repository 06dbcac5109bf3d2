package livesurvey.validation;

import livesurvey.survey.Question;

import java.util.Optional;
import java.util.regex.Pattern;

/** An address a mail server would accept: local part, @, and a domain with a dot. */
final class EmailRule implements FieldRule {
    static final String MESSAGE = "Enter a valid email address, like name@example.com.";
    private static final Pattern ADDRESS = Pattern.compile(
            "^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                    + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$");

    @Override
    public boolean appliesTo(Question question) {
        return question.kind() == Question.Kind.email;
    }

    @Override
    public Optional<String> check(Question question, AnswerValue value) {
        String address = value.text().strip();
        boolean ok = ADDRESS.matcher(address).matches() && !address.contains("..")
                && !address.startsWith(".") && !address.contains(".@");
        return ok ? Optional.empty() : Optional.of(MESSAGE);
    }
}
