package livesurvey.bench;

import java.util.ArrayList;
import java.util.List;

/** The one table the bench prints: each SPEC §5 line, the figure, the target, pass or fail. */
final class Report {
    private record Line(String what, String backend, String figure, String target, String verdict) {
    }

    private final List<Line> lines = new ArrayList<>();

    /** A line with a target. */
    void check(String what, String backend, String figure, String target, boolean pass) {
        lines.add(new Line(what, backend, figure, target, pass ? "pass" : "FAIL"));
    }

    /** A figure reported for context, with no target of its own. */
    void note(String what, String backend, String figure) {
        lines.add(new Line(what, backend, figure, "", ""));
    }

    void print() {
        int w0 = width(Line::what, "what");
        int w1 = width(Line::backend, "database");
        int w2 = width(Line::figure, "figure");
        int w3 = width(Line::target, "target");
        String format = "| %-" + w0 + "s | %-" + w1 + "s | %-" + w2 + "s | %-" + w3 + "s | %-4s |%n";
        System.out.println();
        System.out.printf(format, "what", "database", "figure", "target", "");
        System.out.printf(format, "-".repeat(w0), "-".repeat(w1), "-".repeat(w2), "-".repeat(w3), "----");
        for (Line l : lines) {
            System.out.printf(format, l.what, l.backend, l.figure, l.target, l.verdict);
        }
        System.out.println();
    }

    private int width(java.util.function.Function<Line, String> column, String header) {
        return Math.max(header.length(), lines.stream().mapToInt(l -> column.apply(l).length()).max().orElse(0));
    }
}
