package livesurvey.survey;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** One question of a definition: its type's settings, options, rules and summaries, checked path by path. */
final class QuestionReader {
    static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_]{0,63}");
    private static final Set<String> KNOWN = Set.of("key", "label", "help", "type", "step", "required", "unique",
            "minLength", "maxLength", "min", "max", "integer", "minPicks", "maxPicks", "options", "summaries");
    static final int MAX_OPTIONS = 200;

    private final Problems problems;
    private final SummaryReader summaries;

    QuestionReader(Problems problems) {
        this.problems = problems;
        this.summaries = new SummaryReader(problems);
    }

    Question read(JsonNode q, String path, int step, int position) {
        if (!q.isObject()) {
            problems.add(path, "must be an object");
            return null;
        }
        problems.onlyKnown(q, path, KNOWN);
        String key = problems.text(q, "key", path, true, 1, 64);
        if (key != null && !KEY.matcher(key).matches()) {
            problems.add(Problems.at(path, "key"), "lower-case letters, digits and _, starting with a letter");
        }
        String label = problems.text(q, "label", path, true, 1, 200);
        String help = problems.text(q, "help", path, false, 0, 500);
        Question.Kind kind = kind(q, path);
        boolean required = problems.bool(q, "required", path);
        boolean unique = problems.bool(q, "unique", path);
        if (kind == null) {
            return null;
        }
        String type = kind.name();
        if (unique && kind.isChoice()) {
            problems.add(Problems.at(path, "unique"), "only text, email and number answers can be unique");
        }
        Integer minLength = null;
        Integer maxLength = null;
        if (kind == Question.Kind.text || kind == Question.Kind.textarea || kind == Question.Kind.email) {
            minLength = problems.integer(q, "minLength", path, 0, 10_000);
            maxLength = problems.integer(q, "maxLength", path, 1, 10_000);
            if (minLength != null && maxLength != null && minLength > maxLength) {
                problems.add(Problems.at(path, "minLength"), "must not be more than maxLength");
            }
        } else {
            problems.notFor(q, "minLength", path, type);
            problems.notFor(q, "maxLength", path, type);
        }
        BigDecimal min = null;
        BigDecimal max = null;
        Boolean integer = null;
        if (kind == Question.Kind.number) {
            min = problems.decimal(q, "min", path);
            max = problems.decimal(q, "max", path);
            integer = problems.bool(q, "integer", path);
            if (min != null && max != null && min.compareTo(max) > 0) {
                problems.add(Problems.at(path, "min"), "must not be more than max");
            }
        } else {
            List.of("min", "max", "integer").forEach(n -> problems.notFor(q, n, path, type));
        }
        List<Option> options = kind.isChoice() ? options(q, path) : List.of();
        if (!kind.isChoice()) {
            problems.notFor(q, "options", path, type);
        }
        Integer minPicks = null;
        Integer maxPicks = null;
        if (kind == Question.Kind.checkbox) {
            minPicks = problems.integer(q, "minPicks", path, 0, MAX_OPTIONS);
            maxPicks = problems.integer(q, "maxPicks", path, 1, MAX_OPTIONS);
            if (maxPicks != null && maxPicks > options.size() && !options.isEmpty()) {
                problems.add(Problems.at(path, "maxPicks"), "more than the " + options.size() + " options");
            } else if (minPicks != null && maxPicks != null && minPicks > maxPicks) {
                problems.add(Problems.at(path, "minPicks"), "must not be more than maxPicks");
            } else if (minPicks != null && minPicks > options.size() && !options.isEmpty()) {
                problems.add(Problems.at(path, "minPicks"), "more than the " + options.size() + " options");
            }
        } else {
            problems.notFor(q, "minPicks", path, type);
            problems.notFor(q, "maxPicks", path, type);
        }
        List<SummarySpec> summaries = this.summaries.read(q, path, kind, options);
        return new Question(0, key, label, help, kind, step, position, required, unique, minLength, maxLength,
                min, max, kind == Question.Kind.number ? integer : null, minPicks, maxPicks, options, summaries);
    }

    private Question.Kind kind(JsonNode q, String path) {
        String type = problems.text(q, "type", path, true, 1, 16);
        if (type == null) {
            return null;
        }
        try {
            return Question.Kind.valueOf(type);
        } catch (IllegalArgumentException e) {
            problems.add(Problems.at(path, "type"), "one of text, textarea, email, number, radio, select, checkbox");
            return null;
        }
    }

    private List<Option> options(JsonNode q, String path) {
        String p = Problems.at(path, "options");
        JsonNode list = q.get("options");
        if (list == null || !list.isArray()) {
            problems.add(p, "required: an array of {\"value\", \"label\"}");
            return List.of();
        }
        if (list.size() < 2 || list.size() > MAX_OPTIONS) {
            problems.add(p, list.size() < 2 ? "at least 2 options" : "at most " + MAX_OPTIONS + " options");
        }
        List<Option> options = new ArrayList<>();
        Set<String> values = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String op = p + "[" + i + "]";
            JsonNode o = list.get(i);
            if (!o.isObject()) {
                problems.add(op, "must be an object with value and label");
                continue;
            }
            problems.onlyKnown(o, op, Set.of("value", "label"));
            String value = problems.text(o, "value", op, true, 1, 100);
            String label = problems.text(o, "label", op, true, 1, 200);
            if (value != null && !values.add(value)) {
                problems.add(Problems.at(op, "value"), "the same value as an earlier option");
            }
            if (value != null && label != null) {
                options.add(new Option(value, label));
            }
        }
        return options;
    }
}
