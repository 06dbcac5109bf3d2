package livesurvey.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Runs a request loop on many threads, bounded in count and time, and reports rate and latency. */
final class LoadRun {
    /** One request; returns true when it succeeded. */
    @FunctionalInterface
    interface Call {
        boolean run(int user, int n) throws Exception;
    }

    record Result(String name, long ok, long errors, double seconds, long p50Micros, long p99Micros) {
        double perSecond() {
            return ok / seconds;
        }

        @Override
        public String toString() {
            return String.format("%-28s %8.0f req/s  p50 %6.2f ms  p99 %6.2f ms  ok %d  errors %d",
                    name, perSecond(), p50Micros / 1000.0, p99Micros / 1000.0, ok, errors);
        }
    }

    private LoadRun() {
    }

    static Result run(String name, int users, int maxRequests, double maxSeconds, Call call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(users);
        AtomicInteger issued = new AtomicInteger();
        AtomicLong errors = new AtomicLong();
        List<long[]> latencies = Collections.synchronizedList(new ArrayList<>());
        long deadline = System.nanoTime() + (long) (maxSeconds * 1e9);
        long began = System.nanoTime();
        for (int u = 0; u < users; u++) {
            int user = u;
            pool.submit(() -> {
                long[] mine = new long[maxRequests / users + 1];
                int count = 0;
                for (int n = 0; issued.incrementAndGet() <= maxRequests && System.nanoTime() < deadline; n++) {
                    long t0 = System.nanoTime();
                    boolean ok;
                    try {
                        ok = call.run(user, n);
                    } catch (Exception e) {
                        ok = false;
                    }
                    if (ok && count < mine.length) {
                        mine[count++] = (System.nanoTime() - t0) / 1000;
                    } else if (!ok) {
                        errors.incrementAndGet();
                    }
                }
                long[] used = new long[count];
                System.arraycopy(mine, 0, used, 0, count);
                latencies.add(used);
                return null;
            });
        }
        pool.shutdown();
        pool.awaitTermination((long) maxSeconds + 60, TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - began) / 1e9;
        long[] all = latencies.stream().flatMapToLong(java.util.Arrays::stream).sorted().toArray();
        long p50 = all.length == 0 ? 0 : all[(int) (all.length * 0.50)];
        long p99 = all.length == 0 ? 0 : all[Math.min(all.length - 1, (int) (all.length * 0.99))];
        return new Result(name, all.length, errors.get(), seconds, p50, p99);
    }
}
