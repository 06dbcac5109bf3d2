package livesurvey.ops;

import io.javalin.http.Context;
import io.javalin.http.RequestLogger;
import io.javalin.router.Endpoint;
import livesurvey.web.TrustedProxies;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * One line per request: method, route template, status, milliseconds, client address (the
 * forwarded one behind a trusted proxy). Never the raw path (it can
 * carry a respondent's question key or a response id), never a body, no other header: no answer, no
 * cookie and no token ends up in a log file.
 */
public final class RequestLog implements RequestLogger {
    private static final Logger LOG = LoggerFactory.getLogger("livesurvey.requests");
    // slf4j-simple formats and writes each line under a lock; one writer thread keeps request
    // threads from queueing on it. Lines beyond the buffer are dropped, never waited for.
    private static final BlockingQueue<String> LINES = new ArrayBlockingQueue<>(10_000);

    static {
        Thread writer = new Thread(() -> {
            try {
                while (true) {
                    LOG.info(LINES.take());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "request-log");
        writer.setDaemon(true);
        writer.start();
    }

    private final Metrics metrics;
    private final String answerRoute;
    private final TrustedProxies proxies;

    /** @param answerRoute the template of PUT …/answers/{key}: its 2xx replies count as answers stored */
    public RequestLog(Metrics metrics, String answerRoute, TrustedProxies proxies) {
        this.metrics = metrics;
        this.answerRoute = answerRoute;
        this.proxies = proxies;
    }

    @Override
    public void handle(Context ctx, Float ms) {
        String route = routeOf(ctx);
        String method = ctx.method().name();
        int status = ctx.statusCode();
        metrics.request(method, route, status, (long) (ms * 1_000_000));
        // The 2xx reply of an answer is sent only after its commit, so this counts durable answers
        // without touching the write path.
        if (status / 100 == 2 && method.equals("PUT") && route.equals(answerRoute)) {
            metrics.answerStored();
        }
        if (LOG.isInfoEnabled()) {
            LINES.offer(method + " " + route + " " + status + " " + Math.round(ms * 10) / 10.0 + "ms client="
                    + proxies.clientAddress(ctx));
        }
    }

    static String routeOf(Context ctx) {
        Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
        if (endpoint != null && !endpoint.path.equals("*")) {
            return endpoint.path;
        }
        if (ctx.statusCode() == 404) {
            return "unmatched";
        }
        return ctx.path().startsWith("/webjars/") ? "/webjars/*" : "static";
    }
}
