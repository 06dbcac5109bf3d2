package livesurvey.ops;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import livesurvey.web.ApiException;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Draining before a shutdown (SIGTERM): from {@link #start()} on, /health says "draining" so the
 * load balancer stops routing here, and every write and new event stream under /api is answered
 * 503 with Retry-After (the survey page and HAProxy retry those elsewhere; nothing was stored).
 * Writes already inside are counted, so the shutdown waits for their commits and replies.
 */
public final class Drain {
    private static final String COUNTED = "livesurvey.drain.counted";

    private volatile boolean draining;
    private final AtomicInteger writesInFlight = new AtomicInteger();

    public void install(JavalinConfig cfg) {
        cfg.routes.before(this::enter);
        cfg.routes.after(this::leave);
    }

    public boolean draining() {
        return draining;
    }

    public void start() {
        draining = true;
    }

    /** Waits, within the bound, until no write is in progress; true when none is. */
    public boolean awaitWrites(Duration bound) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        while (writesInFlight.get() > 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    private void enter(Context ctx) {
        if (!ctx.path().startsWith("/api/")) {
            return;
        }
        boolean write = ctx.method() != HandlerType.GET && ctx.method() != HandlerType.HEAD;
        if (write) {
            // Counted before the check: a write that passes it is always waited for.
            writesInFlight.incrementAndGet();
            ctx.attribute(COUNTED, Boolean.TRUE);
        }
        if (draining && (write || ctx.path().endsWith("/events"))) {
            // 503: the error mapping adds Retry-After.
            throw new ApiException(503, "This server is restarting; please retry.");
        }
    }

    private void leave(Context ctx) {
        if (ctx.attribute(COUNTED) != null) {
            ctx.attribute(COUNTED, null);
            writesInFlight.decrementAndGet();
        }
    }
}
