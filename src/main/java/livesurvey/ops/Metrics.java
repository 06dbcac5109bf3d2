package livesurvey.ops;

import com.zaxxer.hikari.HikariPoolMXBean;
import io.javalin.http.Context;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * /metrics in Prometheus text format: requests by route template (never by raw path, which would
 * make a series per respondent), the connection pool, live event streams and answers stored.
 */
public final class Metrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Counter answersStored;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();
    private volatile Supplier<? extends Number> liveConnections = () -> 0;

    public Metrics(HikariPoolMXBean pool) {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        if (pool != null) {
            poolGauge("hikaricp.connections.active", pool, HikariPoolMXBean::getActiveConnections);
            poolGauge("hikaricp.connections.idle", pool, HikariPoolMXBean::getIdleConnections);
            poolGauge("hikaricp.connections", pool, HikariPoolMXBean::getTotalConnections);
            poolGauge("hikaricp.connections.pending", pool, HikariPoolMXBean::getThreadsAwaitingConnection);
        }
        Gauge.builder("livesurvey.live.connections", this, m -> m.liveConnections.get().doubleValue())
                .description("Open Server-Sent Events streams (dashboards watching live)").register(registry);
        answersStored = Counter.builder("livesurvey.answers.stored")
                .description("Answers acknowledged with 2xx (after their commit)").register(registry);
    }

    private void poolGauge(String name, HikariPoolMXBean pool, java.util.function.ToDoubleFunction<HikariPoolMXBean> f) {
        Gauge.builder(name, pool, f).tag("pool", "livesurvey").register(registry);
    }

    /** The hook for the live feed: how many event streams are open right now. */
    public void liveConnections(Supplier<? extends Number> count) {
        this.liveConnections = count;
    }

    public void answerStored() {
        answersStored.increment();
    }

    /** One finished request, by its route template ("unmatched" when no route or file answered). */
    public void request(String method, String route, int status, long nanos) {
        // Building and registering a Timer is a registry lookup with tag sorting: done once per series.
        timers.computeIfAbsent(method + ' ' + status + ' ' + route, series -> Timer.builder("http.server.requests")
                .tags("method", method, "route", route, "status", Integer.toString(status))
                .serviceLevelObjectives(Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
                        Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofSeconds(1))
                .register(registry)).record(nanos, TimeUnit.NANOSECONDS);
    }

    /** GET /metrics. */
    public void scrape(Context ctx) {
        ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(registry.scrape());
    }
}
