package livesurvey.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/** Runs one LoadGenerator in its own JVM and samples the server's and the database's CPU around it. */
final class GeneratorProcess {
    /** What one load run measured. */
    record Run(JsonNode result, Proc.Window cpu, long maxHeapBytes) {
        long ok() {
            return result.get("ok").asLong();
        }

        double serverMicrosPerRequest() {
            return ok() == 0 ? Double.NaN : cpu.serverNanos() / 1000.0 / ok();
        }

        double databaseMicrosPerRequest() {
            return ok() == 0 ? Double.NaN : cpu.databaseNanos() / 1000.0 / ok();
        }
    }

    private GeneratorProcess() {
    }

    static Run run(ServerProcess server, Optional<Long> database, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("java", "-Xmx512m", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), LoadGenerator.class.getName()));
        command.add(args[0]);
        command.add(server.base());
        command.addAll(List.of(args).subList(1, args.length));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Proc.Window before = null;
        Proc.Window cpu = null;
        AtomicLong maxHeap = new AtomicLong();
        Thread heapWatch = null;
        JsonNode result = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream()))) {
            for (String line; (line = out.readLine()) != null; ) {
                if (line.equals("START")) {
                    before = Proc.Window.sample(server.pid(), database);
                    heapWatch = watchHeap(server, maxHeap);
                } else if (line.equals("END")) {
                    cpu = Proc.Window.sample(server.pid(), database).minus(before);
                    heapWatch.interrupt();
                } else if (line.startsWith("RESULT ")) {
                    result = new ObjectMapper().readTree(line.substring("RESULT ".length()));
                }
            }
        }
        if (p.waitFor() != 0 || result == null || cpu == null) {
            throw new IllegalStateException("the load generator failed: " + String.join(" ", args));
        }
        return new Run(result, cpu, maxHeap.get());
    }

    /** Heap in use, sampled once a second while the load runs; the largest sample. */
    private static Thread watchHeap(ServerProcess server, AtomicLong max) {
        Thread t = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    max.accumulateAndGet(server.heapUsedBytes(), Math::max);
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    // a missed sample is not a failure
                }
            }
        }, "heap-watch");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
