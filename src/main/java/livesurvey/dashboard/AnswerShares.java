package livesurvey.dashboard;

import livesurvey.survey.Question;

import java.util.List;

/** Every option of a choice question with its count over completed responses (the gender pie). */
final class AnswerShares implements SummaryValue<List<OptionCount>> {
    private final String key;

    AnswerShares(String key) {
        this.key = key;
    }

    @Override
    public List<OptionCount> compute(Tally tally) {
        return tally.question(key).map(q -> counts(tally, q)).orElse(List.of());
    }

    static List<OptionCount> counts(Tally tally, Question question) {
        return question.options().stream()
                .map(o -> new OptionCount(o.value(), o.label(), tally.chose(question, o.value())))
                .toList();
    }
}
