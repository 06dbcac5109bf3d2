package livesurvey.bench;

import java.io.File;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every SPEC §5 figure from one command (./run.sh bench): the server runs as operators run it (the
 * jar, -Xmx256m, its own JVM), the load comes from another JVM, and CPU is read from /proc around
 * each measured window. Prints one table with the figure, the target and pass/fail per line.
 *
 * <p>Options (system properties): bench.seconds (per load run, default 15), bench.big (responses
 * for the large-table lines, default 1000000; 0 skips them), bench.databases (default "mariadb,h2"),
 * bench.jar (default target/livesurvey.jar), bench.only (a comma list of parts to measure, e.g.
 * "ingest" or "live,reads": floor, ingest, complete, live, reads, big; default all of them).
 */
public final class Bench {
    static final double SECONDS = Double.parseDouble(System.getProperty("bench.seconds", "15"));
    static final int BIG = Integer.getInteger("bench.big", 1_000_000);
    static final String JAR = System.getProperty("bench.jar", "target/livesurvey.jar");
    static final int PORT = Integer.getInteger("bench.port", 7590);
    private static final String ONLY = System.getProperty("bench.only", "");

    /** Whether this run measures that part (-Dbench.only); the 404 floor goes with ingest, which needs it. */
    private static boolean wants(String part) {
        return ONLY.isBlank() || List.of(ONLY.split(",")).contains(part)
                || part.equals("floor") && wants("ingest");
    }

    private final Report report = new Report();

    public static void main(String[] args) throws Exception {
        for (Target target : targets()) {
            // A table per database, printed as soon as it is measured: a long H2 bulk load that is
            // interrupted does not take the MariaDB figures with it.
            Bench bench = new Bench();
            try (target) {
                System.out.println("bench: " + target.name() + " ...");
                bench.run(target);
            }
            bench.report.print();
        }
        System.exit(0);
    }

    /** MariaDB/MySQL when LIVESURVEY_TEST_DATABASE_URL (or DATABASE_URL) names one, and H2 always. */
    private static List<Target> targets() throws Exception {
        List<Target> targets = new ArrayList<>();
        String url = Optional.ofNullable(System.getenv("LIVESURVEY_TEST_DATABASE_URL"))
                .orElse(System.getenv("DATABASE_URL"));
        String only = System.getProperty("bench.databases", "mariadb,h2");
        if (url != null && url.startsWith("jdbc:mysql:") && only.contains("mariadb")) {
            targets.add(Target.mysql(url, env("LIVESURVEY_TEST_DATABASE_USER", "root"),
                    env("LIVESURVEY_TEST_DATABASE_PASSWORD", "")));
        }
        if (only.contains("h2")) {
            targets.add(Target.h2());
        }
        return targets;
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null ? fallback : v;
    }

    private void run(Target target) throws Exception {
        String db = target.name();
        File log = File.createTempFile("livesurvey-bench-" + db, ".log");
        Optional<Long> dbPid = target.isMariaDb() ? Proc.databaseServer() : Optional.empty();
        long firstStart;
        ReadCost.Figures small;
        try (ServerProcess server = ServerProcess.start(JAR, PORT, target.environment(), log)) {
            firstStart = server.startupMillis();
            step("warm-up");
            GeneratorProcess.run(server, dbPid, "get", "64", "5", "/api/nothing", "404");
            GeneratorProcess.run(server, dbPid, "ingest", "64", "10", "500");

            GeneratorProcess.Run floor = null;
            if (wants("floor")) {
                step("404 floor and the survey definition");
                floor = GeneratorProcess.run(server, dbPid, "get", "256", secs(), "/api/nothing", "404");
                report.note("GET /api/nothing (404), 256 connections", db, String.format("%.0f req/s, server %.0f µs CPU/request",
                        floor.result().get("perSecond").asDouble(), floor.serverMicrosPerRequest()));
                var survey = GeneratorProcess.run(server, dbPid, "get", "64", secs(), "/api/surveys/default", "200");
                report.note("GET /api/surveys/default, 64 connections", db, String.format("%.0f req/s, server %.0f µs CPU/request",
                        survey.result().get("perSecond").asDouble(), survey.serverMicrosPerRequest()));
            }

            if (wants("ingest")) {
                GeneratorProcess.Run full = null;
                for (int connections : new int[] {64, 256}) {
                    step("ingest at " + connections + " connections");
                    var ingest = GeneratorProcess.run(server, dbPid, "ingest", Integer.toString(connections), secs(),
                            Integer.toString(Math.max(500, connections * 2)));
                    ingestLines(db, connections, ingest, floor, target.isMariaDb());
                    full = ingest;
                }
                report.check("heap in use at full load (-Xmx256m)", db, mb(full.maxHeapBytes()), "< 256 MB, no errors",
                        full.maxHeapBytes() < 256L << 20 && full.result().get("errors").asLong() == 0);
            }

            if (wants("complete")) {
                step("1,000 respondents completing the survey, 16 at a time");
                long bytesBefore = target.bytesUsed();
                var complete = GeneratorProcess.run(server, dbPid, "complete", "16", "1000");
                long perThousand = (target.bytesUsed() - bytesBefore) * 1000 / Math.max(1, complete.result().get("completed").asLong());
                report.check("concurrent respondents completing (16 at a time)", db, complete.result().get("completed").asLong()
                        + " completed, " + complete.result().get("errors").asLong() + " errors", "0 errors",
                        complete.result().get("errors").asLong() == 0);
                if (target.isMariaDb()) {
                    report.check("disk per 1,000 completed (responses, answers, claims)", db, mb(perThousand), "<= 2 MB",
                            perThousand <= 2L << 20);
                } else {
                    // H2's file keeps old row versions until it compacts: its growth is not the rows' size.
                    report.note("H2 file growth per 1,000 completed", db, mb(perThousand));
                }
            }

            if (wants("live")) {
                step("keystroke to dashboards (warm-up, then 10, 100 and 10 dashboards again)");
                // Both JVMs warm first: the first measured run cost up to 1.5x the CPU per keystroke of a later one.
                LiveFanout.measure(server, 100, 1000, Duration.ofSeconds(10));
                var few = LiveFanout.measure(server, 10, 1000, Duration.ofSeconds(10));
                liveLine(db, few);
                var live = LiveFanout.measure(server, 100, 1000, Duration.ofSeconds(10));
                liveLine(db, live);
                var fewAgain = LiveFanout.measure(server, 10, 1000, Duration.ofSeconds(10));
                liveLine(db, fewAgain);
                // Coalesced and encoded once per survey, a dashboard more should cost only its socket writes.
                // The 100 run is bracketed by two 10 runs, so drift (warm-up, neighbours) does not read as growth.
                double fewMicros = (few.serverMicrosPerKeystroke() + fewAgain.serverMicrosPerKeystroke()) / 2;
                report.check("  server CPU per keystroke, 100 vs 10 dashboards", db, String.format(
                        "%.0f vs %.0f µs (%.0f before, %.0f after): %.2fx", live.serverMicrosPerKeystroke(), fewMicros,
                        few.serverMicrosPerKeystroke(), fewAgain.serverMicrosPerKeystroke(),
                        live.serverMicrosPerKeystroke() / fewMicros), "flat (<= 1.3x)",
                        live.serverMicrosPerKeystroke() <= 1.3 * fewMicros);
            }

            small = null;
            if (wants("reads") || wants("big")) {
                step("summary and table pages");
                small = ReadCost.measure(server);
                report.note("summary at " + small.responses() + " responses", db,
                        String.format("%.0f µs CPU/request", small.summaryMicros()));
                report.note("table page p99 at " + small.responses() + " responses", db,
                        String.format("%.1f ms (worst: %s)", small.worstPageP99Millis(), small.worstPage()));
            }
        }
        if (wants("ingest")) {
            step("ingest without the web layer (the server stopped; its AnswerWriter in this JVM)");
            var alone = WriterAlone.measure(target, dbPid, 256, SECONDS);
            report.note("  the writer alone, 256 callers, no HTTP", db, String.format("%.0f answers/s, %d errors, "
                    + "this JVM %.0f µs CPU/answer%s", alone.perSecond(), alone.errors(), alone.processMicros(),
                    Double.isNaN(alone.databaseMicros()) ? "" : String.format(", database %.0f µs", alone.databaseMicros())));
        }
        boolean loadBig = BIG > 0 && wants("big");
        if (loadBig) {
            step("loading " + BIG + " responses (server stopped: H2 allows one process per file)");
            BulkLoad.fill(target, BIG);
        }
        try (ServerProcess again = ServerProcess.start(JAR, PORT, target.environment(), log)) {
            report.check("start-up to serving, existing database", db, again.startupMillis() + " ms (new database: "
                    + firstStart + " ms)", "< 3 s", again.startupMillis() < 3000);
            if (loadBig) {
                step("summary and table pages at " + BIG);
                var big = ReadCost.measure(again);
                report.check("summary at " + big.responses() + " vs " + small.responses() + " responses", db,
                        String.format("%.0f vs %.0f µs CPU/request: ratio %.2f", big.summaryMicros(),
                                small.summaryMicros(), big.summaryMicros() / small.summaryMicros()), "ratio <= 1.5",
                        big.summaryMicros() / small.summaryMicros() <= 1.5);
                report.check("table page p99 at " + big.responses() + " responses, every sort", db,
                        String.format("%.1f ms (worst: %s)", big.worstPageP99Millis(), big.worstPage()), "< 20 ms",
                        big.worstPageP99Millis() < 20);
            }
        }
    }

    private void liveLine(String db, LiveFanout.Figures live) {
        String errors = live.errors() == 0 ? "" : String.format(", %d keystrokes not acknowledged %s", live.errors(),
                live.statuses());
        String figure = String.format("%.0f keystrokes/s, p50 %d ms, p95 %d ms, %d missed of %d deliveries%s, "
                        + "server %.0f µs CPU/keystroke (p95 of the PUT reply %d ms, reply to dashboard %d ms; "
                        + "bench client %.0f µs CPU/keystroke)", live.keystrokesPerSecond(), live.p50Millis(),
                live.p95Millis(), live.missing(), live.deliveries() + live.missing(), errors,
                live.serverMicrosPerKeystroke(), live.putP95Millis(), live.afterReplyP95Millis(),
                live.clientMicrosPerKeystroke());
        report.check("keystroke -> " + live.dashboards() + " dashboards", db, figure, "p95 < 250 ms, 0 missed",
                live.p95Millis() >= 0 && live.p95Millis() < 250 && live.missing() == 0 && live.errors() == 0
                        && live.keystrokesPerSecond() >= 950);
    }

    private void ingestLines(String db, int connections, GeneratorProcess.Run ingest, GeneratorProcess.Run floor,
                             boolean mariadb) {
        var r = ingest.result();
        double perSecond = r.get("perSecond").asDouble();
        double p99 = r.get("p99Micros").asLong() / 1000.0;
        boolean at256 = connections == 256;
        String what = "ingest, PUT answer, " + connections + " connections";
        String figure = String.format("%.0f answers/s, p50 %.1f ms, p99 %.1f ms, %d errors, %d lost", perSecond,
                r.get("p50Micros").asLong() / 1000.0, p99, r.get("errors").asLong(), r.get("lost").asLong());
        boolean exact = r.get("errors").asLong() == 0 && r.get("lost").asLong() == 0;
        if (at256) {
            report.check(what, db, figure, ">= 10,000/s, p99 < 50 ms, 0 errors, 0 lost",
                    perSecond >= 10_000 && p99 < 50 && exact);
        } else {
            report.check(what, db, figure, "0 errors, 0 lost", exact);
        }
        double ratio = perSecond / floor.result().get("perSecond").asDouble();
        report.check("  answers/s vs 404s/s, same run", db, String.format("%.2f", ratio), ">= 0.3", ratio >= 0.3);
        double cpu = ingest.serverMicrosPerRequest() / floor.serverMicrosPerRequest();
        report.check("  server CPU per answer vs per 404", db, String.format("%.0f vs %.0f µs: %.2fx",
                ingest.serverMicrosPerRequest(), floor.serverMicrosPerRequest(), cpu), "<= 1.3x", cpu <= 1.3);
        if (mariadb) {
            report.check("  database CPU per answer", db, String.format("%.0f µs", ingest.databaseMicrosPerRequest()),
                    "<= 30 µs", ingest.databaseMicrosPerRequest() <= 30);
        }
    }

    private static String secs() {
        return Double.toString(SECONDS);
    }

    private static String mb(long bytes) {
        return String.format("%.2f MB", bytes / 1048576.0);
    }

    private static void step(String what) {
        System.out.println("bench:   " + what);
    }
}
