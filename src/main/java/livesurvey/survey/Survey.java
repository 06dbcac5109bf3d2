package livesurvey.survey;

import java.util.List;
import java.util.Optional;

/** A survey and its questions in step order. */
public record Survey(long id, String slug, String title, String intro, String thankYou, int revision,
                     List<Question> questions) {

    public int stepCount() {
        return questions.stream().mapToInt(Question::step).max().orElse(0);
    }

    public Optional<Question> question(String key) {
        return questions.stream().filter(q -> q.key().equals(key)).findFirst();
    }

    public List<Question> questionsOfStep(int step) {
        return questions.stream().filter(q -> q.step() == step).toList();
    }
}
