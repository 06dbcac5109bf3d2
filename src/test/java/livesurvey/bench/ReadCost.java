package livesurvey.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** What the dashboard's reads cost at the current number of responses: the summary and every table sort. */
final class ReadCost {
    private static final int REPEATS = 200;

    /** Server CPU per summary request, and the slowest table page's p99 with the sort and page it was. */
    record Figures(long responses, double summaryMicros, double worstPageP99Millis, String worstPage) {
    }

    private ReadCost() {
    }

    static Figures measure(ServerProcess server) throws Exception {
        AdminClient admin = new AdminClient(server.base());
        String summary = "/api/surveys/default/summary";
        long responses = admin.get(summary).at("/count").asLong(-1);
        for (int i = 0; i < REPEATS; i++) {
            admin.get(summary);
        }
        long before = Proc.cpuNanos(server.pid());
        for (int i = 0; i < REPEATS * 5; i++) {
            admin.get(summary);
        }
        double summaryMicros = (Proc.cpuNanos(server.pid()) - before) / 1000.0 / (REPEATS * 5);

        double worst = 0;
        String worstPage = "";
        for (String sort : sorts(admin)) {
            for (String dir : List.of("desc", "asc")) {
                String first = "/api/surveys/default/responses?limit=25&sort=" + sort + "&dir=" + dir;
                String deep = deepPage(admin, first);
                for (String page : List.of(first, deep)) {
                    double p99 = p99Millis(admin, page);
                    if (p99 > worst) {
                        worst = p99;
                        worstPage = sort + " " + dir + (page == first ? " first page" : " page 40");
                    }
                }
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
        long[] nanos = new long[REPEATS / 2];
        for (int i = 0; i < nanos.length; i++) {
            long t0 = System.nanoTime();
            admin.get(page);
            nanos[i] = System.nanoTime() - t0;
        }
        Arrays.sort(nanos);
        return nanos[(int) (nanos.length * 0.99)] / 1e6;
    }
}
