package livesurvey.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.router.Endpoint;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Per-client token buckets in memory (Caffeine), one per limited route kind and client IP: no
 * database write per request. A bucket holds a minute's worth of requests and refills steadily, so
 * bursts are fine and a sustained flood is answered 429 with Retry-After.
 */
public final class RateLimiter {
    private final RateLimits limits;
    private final Map<String, ApiRoute.RateLimit> limitedRoutes = new HashMap<>();
    private final Cache<String, Bucket> buckets;
    private final LongSupplier nanoTime;
    private final TrustedProxies proxies;

    public RateLimiter(RateLimits limits, List<ApiRoute> routes, LongSupplier nanoTime, TrustedProxies proxies) {
        this.limits = limits;
        this.nanoTime = nanoTime;
        this.proxies = proxies;
        routes.stream().filter(r -> r.rateLimit() != null)
                .forEach(r -> limitedRoutes.put(key(r.method(), r.path()), r.rateLimit()));
        // Idle clients' buckets are full again after a minute; forgetting them after ten costs nothing.
        this.buckets = Caffeine.newBuilder().maximumSize(200_000).expireAfterAccess(Duration.ofMinutes(10)).build();
    }

    public RateLimiter(RateLimits limits, List<ApiRoute> routes, LongSupplier nanoTime) {
        this(limits, routes, nanoTime, TrustedProxies.NONE);
    }

    /** Behind a load balancer, the client is the forwarded address, if the balancer is a trusted proxy. */
    public RateLimiter(RateLimits limits, List<ApiRoute> routes, TrustedProxies proxies) {
        this(limits, routes, System::nanoTime, proxies);
    }

    /** A before-matched handler: throws 429 when this client's bucket for the matched route is empty. */
    public void check(Context ctx) {
        if (!limits.enabled()) {
            return;
        }
        Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
        ApiRoute.RateLimit kind = endpoint == null ? null : limitedRoutes.get(key(endpoint.method, endpoint.path));
        if (kind == null) {
            return;
        }
        int perMinute = limits.limit(kind);
        Bucket bucket = buckets.get(kind + " " + proxies.clientAddress(ctx), k -> new Bucket(perMinute, nanoTime.getAsLong()));
        long waitNanos = bucket.take(perMinute, nanoTime.getAsLong());
        if (waitNanos > 0) {
            long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(waitNanos + 999_999_999L));
            ctx.header("Retry-After", Long.toString(seconds));
            throw new ApiException(429, "Too many requests; retry in " + seconds + " s.", null,
                    Map.of("retryAfterSeconds", seconds));
        }
    }

    private static String key(HandlerType method, String path) {
        return method + " " + path;
    }

    /** Tokens refill continuously at perMinute / 60 s, up to perMinute. */
    private static final class Bucket {
        private double tokens;
        private long last;

        Bucket(int capacity, long now) {
            this.tokens = capacity;
            this.last = now;
        }

        /** Takes a token and returns 0, or returns how long until one is available. */
        synchronized long take(int perMinute, long now) {
            double perNano = perMinute / 60e9;
            tokens = Math.min(perMinute, tokens + (now - last) * perNano);
            last = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - tokens) / perNano);
        }
    }
}
