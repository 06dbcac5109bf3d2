package livesurvey.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** What the dashboard's reads cost at the current number of responses: the summary and every table sort. */
final class ReadCost {
    /** Timed requests per page: p99 of 300 leaves three slower ones out (of 100 it was the maximum). */
    private static final int SAMPLES = 300;
    private static final int SUMMARIES = 1000;
    private static final int SUMMARY_WARM_UP = 20_000;

    /** Server CPU per summary request, and the slowest table page's p99 with the sort and page it was. */
    record Figures(long responses, double summaryMicros, double worstPageP99Millis, String worstPage) {
    }

    private ReadCost() {
    }

    static Figures measure(ServerProcess server) throws Exception {
        AdminClient admin = new AdminClient(server.base());
        String summary = "/api/surveys/default/summary";
        long responses = admin.get(summary).at("/count").asLong(-1);
        // Warm up first, the same way at 1,000 and at 1,000,000 responses: the large run starts a new
        // server, and measured cold its first requests ran interpreted. On one server at 1.28M responses
        // the summary's CPU per request, by round of 1,000: 4430, 1720, 1250, ... 700, 400 µs (JIT, still
        // falling at the tenth round; the small run's server has had the ingest load as well).
        List<String> pages = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (String sort : sorts(admin)) {
            for (String dir : List.of("desc", "asc")) {
                String first = "/api/surveys/default/responses?limit=25&sort=" + sort + "&dir=" + dir;
                pages.add(first);
                names.add(sort + " " + dir + " first page");
                pages.add(deepPage(admin, first));
                names.add(sort + " " + dir + " page 40");
            }
        }
        for (int i = 0; i < SUMMARY_WARM_UP; i++) {
            admin.get(summary);
        }
        for (int round = 0; round < 3; round++) {
            for (String page : pages) {
                for (int i = 0; i < 20; i++) {
                    admin.get(page);
                }
            }
        }

        // The best of five rounds: CPU that the JIT or a neighbour spent in one round is not the summary's.
        double summaryMicros = Double.MAX_VALUE;
        for (int round = 0; round < 5; round++) {
            long before = Proc.cpuNanos(server.pid());
            for (int i = 0; i < SUMMARIES; i++) {
                admin.get(summary);
            }
            summaryMicros = Math.min(summaryMicros, (Proc.cpuNanos(server.pid()) - before) / 1000.0 / SUMMARIES);
        }

        double worst = 0;
        String worstPage = "";
        for (int p = 0; p < pages.size(); p++) {
            double p99 = p99Millis(admin, pages.get(p));
            if (p99 > worst) {
                worst = p99;
                worstPage = names.get(p);
            }
        }
        return new Figures(responses, summaryMicros, worst, worstPage);
    }

    /** Every column the dashboard can sort by: the response's times and each question. */
    private static List<String> sorts(AdminClient admin) throws Exception {
        List<String> sorts = new ArrayList<>(List.of("started", "updated", "completed"));
        for (JsonNode step : admin.get("/api/surveys/default").get("steps")) {
            for (JsonNode q : step.get("questions")) {
                sorts.add(q.get("key").asText());
            }
        }
        return sorts;
    }

    /** The page reached by following the next cursor 40 times (or the last one there is). */
    private static String deepPage(AdminClient admin, String first) throws Exception {
        String page = first;
        for (int i = 0; i < 40; i++) {
            JsonNode next = admin.get(page).get("nextCursor");
            if (next == null || next.isNull()) {
                break;
            }
            page = first + "&cursor=" + URLEncoder.encode(next.asText(), StandardCharsets.UTF_8);
        }
        return page;
    }

    private static double p99Millis(AdminClient admin, String page) throws Exception {
        for (int i = 0; i < 20; i++) {
            admin.get(page);
        }
        long[] nanos = new long[SAMPLES];
        for (int i = 0; i < nanos.length; i++) {
            long t0 = System.nanoTime();
            admin.get(page);
            nanos[i] = System.nanoTime() - t0;
        }
        Arrays.sort(nanos);
        return nanos[(int) (nanos.length * 0.99)] / 1e6;
    }
}
