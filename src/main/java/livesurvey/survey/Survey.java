package livesurvey.survey;

import java.util.List;
import java.util.Optional;

/**
 * A survey at its current revision: its questions in step order, and the questions earlier revisions
 * had that this one removed (their answers stay, and the exports still show them).
 */
public record Survey(long id, String slug, String title, String intro, String thankYou, int revision,
                     Status status, List<Question> questions, List<Question> removed) {

    /** Whether new responses are taken. */
    public enum Status { open, closed }

    public int stepCount() {
        return questions.stream().mapToInt(Question::step).max().orElse(0);
    }

    public Optional<Question> question(String key) {
        return questions.stream().filter(q -> q.key().equals(key)).findFirst();
    }

    public List<Question> questionsOfStep(int step) {
        return questions.stream().filter(q -> q.step() == step).toList();
    }

    public boolean closed() {
        return status == Status.closed;
    }
}
