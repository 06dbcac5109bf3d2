package livesurvey.bench;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The server as an operator runs it: the fat jar in a JVM of its own, with -Xmx256m. */
final class ServerProcess implements AutoCloseable {
    static final String ADMIN_PASSWORD = "bench-admin-password";

    private final Process process;
    private final String base;
    private final long startupMillis;

    private ServerProcess(Process process, String base, long startupMillis) {
        this.process = process;
        this.base = base;
        this.startupMillis = startupMillis;
    }

    /** Starts the jar and waits until /health answers 200; the wait is the start-up time. */
    static ServerProcess start(String jar, int port, Map<String, String> database, File log) throws Exception {
        List<String> command = new ArrayList<>(List.of("java", "-Xmx256m"));
        // e.g. -Dbench.serverOpts=-XX:StartFlightRecording=filename=/tmp/jfr/ (a directory: the server starts twice)
        String extra = System.getProperty("bench.serverOpts", "");
        if (!extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+")));
        }
        command.addAll(List.of("-jar", jar));
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log));
        Map<String, String> env = pb.environment();
        env.put("PORT", Integer.toString(port));
        env.putAll(database);
        env.put("LIVESURVEY_RATE_LIMITS", "off");
        env.put("LIVESURVEY_ADMIN_PASSWORD", ADMIN_PASSWORD);
        long began = System.nanoTime();
        Process process = pb.start();
        String base = "http://127.0.0.1:" + port;
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = began + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return new ServerProcess(process, base, (System.nanoTime() - began) / 1_000_000);
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(20);
        }
        process.destroyForcibly();
        throw new IllegalStateException("the server did not start; see " + log);
    }

    String base() {
        return base;
    }

    long pid() {
        return process.pid();
    }

    long startupMillis() {
        return startupMillis;
    }

    /** Heap in use right now, from the server's own /metrics. */
    long heapUsedBytes() throws Exception {
        String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        return (long) metrics.lines().filter(l -> l.startsWith("jvm_memory_used_bytes{area=\"heap\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
