package livesurvey.survey;

import com.fasterxml.jackson.databind.JsonNode;
import livesurvey.web.ApiException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a posted definition (the shape GET /api/surveys/{slug} returns) into a {@link Draft}, or
 * refuses it with 422 and one problem per JSON path. Derived properties (stepCount, revision, status,
 * step numbers) are accepted and ignored, so a definition can be copied by GET, new slug, POST.
 */
public final class DefinitionReader {
    static final int MAX_STEPS = 20;
    static final int MAX_QUESTIONS_PER_STEP = 50;
    private static final Set<String> KNOWN = Set.of("slug", "title", "intro", "thankYou", "status", "revision",
            "stepCount", "steps");

    /** A valid definition, not yet stored: questions in order, with their step and position. */
    public record Draft(String slug, String title, String intro, String thankYou, List<Question> questions) {
    }

    private DefinitionReader() {
    }

    public static Draft read(JsonNode body) {
        Problems problems = new Problems();
        if (body == null || !body.isObject()) {
            throw new ApiException(400, "The body must be a JSON object: a survey definition");
        }
        problems.onlyKnown(body, "", KNOWN);
        String slug = problems.text(body, "slug", "", true, 1, 64);
        if (slug != null && !SurveyHandler.SLUG.matcher(slug).matches()) {
            problems.add("slug", "lower-case letters, digits and dashes, starting with a letter or digit");
        }
        String title = problems.text(body, "title", "", true, 1, 200);
        String intro = problems.text(body, "intro", "", false, 0, 2000);
        String thankYou = problems.text(body, "thankYou", "", false, 0, 2000);
        List<Question> questions = steps(body.get("steps"), problems);
        if (problems.any()) {
            int n = problems.byPath().size();
            throw new ApiException(422, "The survey definition has " + n + (n == 1 ? " problem" : " problems")
                    + ": " + problems.byPath().entrySet().iterator().next().getKey() + ": "
                    + problems.byPath().values().iterator().next() + (n > 1 ? " …" : ""),
                    problems.byPath().keySet().iterator().next(), problems.byPath());
        }
        return new Draft(slug, title, intro, thankYou.isEmpty() ? "Thank you! Your answers have been submitted."
                : thankYou, questions);
    }

    private static List<Question> steps(JsonNode steps, Problems problems) {
        if (steps == null || !steps.isArray() || steps.isEmpty()) {
            problems.add("steps", "at least 1 step");
            return List.of();
        }
        if (steps.size() > MAX_STEPS) {
            problems.add("steps", "at most " + MAX_STEPS + " steps");
            return List.of();
        }
        QuestionReader reader = new QuestionReader(problems);
        List<Question> questions = new ArrayList<>();
        Map<String, String> keys = new HashMap<>();
        for (int s = 0; s < steps.size(); s++) {
            String sp = "steps[" + s + "]";
            JsonNode step = steps.get(s);
            if (!step.isObject()) {
                problems.add(sp, "must be an object with questions");
                continue;
            }
            problems.onlyKnown(step, sp, Set.of("number", "questions"));
            JsonNode list = step.get("questions");
            if (list == null || !list.isArray() || list.isEmpty()) {
                problems.add(sp + ".questions", "at least 1 question");
                continue;
            }
            if (list.size() > MAX_QUESTIONS_PER_STEP) {
                problems.add(sp + ".questions", "at most " + MAX_QUESTIONS_PER_STEP + " questions");
                continue;
            }
            for (int i = 0; i < list.size(); i++) {
                String qp = sp + ".questions[" + i + "]";
                Question q = reader.read(list.get(i), qp, s + 1, i + 1);
                if (q == null || q.key() == null) {
                    continue;
                }
                String earlier = keys.putIfAbsent(q.key(), qp);
                if (earlier != null) {
                    problems.add(qp + ".key", "the same key as " + earlier);
                }
                questions.add(q);
            }
        }
        return questions;
    }
}
