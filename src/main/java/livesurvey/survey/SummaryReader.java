package livesurvey.survey;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** A question's summaries: each kind must suit the question's type, each name be new in the summary JSON. */
final class SummaryReader {
    private static final Pattern SUMMARY_NAME = Pattern.compile("[a-zA-Z][a-zA-Z0-9]{0,63}");
    private static final Set<String> RESERVED_NAMES = Set.of("count", "completed", "lastUpdated");

    private final Problems problems;
    /** Summary names across the whole survey: each is one property of the summary JSON. */
    private final Set<String> summaryNames = new HashSet<>();

    SummaryReader(Problems problems) {
        this.problems = problems;
    }

    List<SummarySpec> read(JsonNode q, String path, Question.Kind kind, List<Option> options) {
        String p = Problems.at(path, "summaries");
        JsonNode list = q.get("summaries");
        if (list == null || list.isNull()) {
            return List.of();
        }
        if (!list.isArray() || list.size() > 4) {
            problems.add(p, "an array of at most 4 summaries");
            return List.of();
        }
        List<SummarySpec> specs = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String sp = p + "[" + i + "]";
            JsonNode s = list.get(i);
            if (!s.isObject()) {
                problems.add(sp, "must be an object with kind and name");
                continue;
            }
            problems.onlyKnown(s, sp, Set.of("kind", "name", "title", "size"));
            SummarySpec.Kind summaryKind = summaryKind(s, sp, kind, options);
            String name = problems.text(s, "name", sp, true, 1, 64);
            if (name != null && !SUMMARY_NAME.matcher(name).matches()) {
                problems.add(Problems.at(sp, "name"), "letters and digits, starting with a letter");
            } else if (name != null && (RESERVED_NAMES.contains(name) || !summaryNames.add(name))) {
                problems.add(Problems.at(sp, "name"), "already used in this summary");
            }
            String title = problems.text(s, "title", sp, false, 0, 100);
            Integer size = problems.integer(s, "size", sp, 1, 20);
            if (summaryKind != null && name != null) {
                specs.add(new SummarySpec(summaryKind, name, title == null || title.isEmpty() ? null : title,
                        summaryKind == SummarySpec.Kind.top ? (size == null ? 3 : size) : null));
            }
        }
        return specs;
    }

    private SummarySpec.Kind summaryKind(JsonNode s, String path, Question.Kind kind, List<Option> options) {
        String text = problems.text(s, "kind", path, true, 1, 16);
        if (text == null) {
            return null;
        }
        SummarySpec.Kind k;
        try {
            k = SummarySpec.Kind.valueOf(text);
        } catch (IllegalArgumentException e) {
            problems.add(Problems.at(path, "kind"), "one of average, distribution, shares, top");
            return null;
        }
        boolean numericOptions = !options.isEmpty() && options.stream().allMatch(o -> o.value().matches("-?\\d{1,9}"));
        boolean fits = switch (k) {
            case average -> kind == Question.Kind.number || (kind.isSingleChoice() && numericOptions);
            case distribution -> kind == Question.Kind.number || kind.isChoice();
            case shares -> kind.isSingleChoice();
            case top -> kind.isChoice();
        };
        if (!fits) {
            problems.add(Problems.at(path, "kind"), k + " does not apply to a " + kind + " question");
        }
        return fits ? k : null;
    }
}
