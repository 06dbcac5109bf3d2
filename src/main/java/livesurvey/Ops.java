package livesurvey;

import io.javalin.config.JavalinConfig;
import livesurvey.docs.ApiDocs;
import livesurvey.ops.Drain;
import livesurvey.ops.Health;
import livesurvey.ops.Metrics;
import livesurvey.ops.RequestLog;
import io.javalin.http.ContentTooLargeResponse;
import livesurvey.web.ApiRoute;
import livesurvey.web.BodyLimit;
import livesurvey.web.CsrfGuard;
import livesurvey.web.JettyErrors;
import livesurvey.web.RateLimiter;
import livesurvey.web.SecurityHeaders;

import java.util.List;

/** The operations and hardening plumbing around the routes: headers, CSRF, rate limits, logs, metrics, health, docs. */
final class Ops {
    private final Config config;
    private final List<ApiRoute> routes;
    private final Metrics metrics;
    private final Health health;
    private final RateLimiter rateLimiter;
    private final SecurityHeaders headers;
    private final Drain drain = new Drain();

    Ops(Config config, Database database, List<ApiRoute> routes) {
        this.config = config;
        this.routes = routes;
        this.metrics = new Metrics(database.dataSource().getHikariPoolMXBean());
        this.health = new Health(database.jdbi(), database.dataSource(), drain);
        this.rateLimiter = new RateLimiter(config.rateLimits(), routes, config.trustedProxies());
        this.headers = new SecurityHeaders(config.production());
    }

    Health health() {
        return health;
    }

    Metrics metrics() {
        return metrics;
    }

    Drain drain() {
        return drain;
    }

    void install(JavalinConfig cfg) {
        cfg.http.prefer405over404 = true;
        cfg.jetty.modifyServer(server -> server.setErrorHandler(new JettyErrors()));
        cfg.jetty.modifyServletContextHandler(context -> context.setErrorHandler(new JettyErrors()));
        cfg.routes.before(headers::apply);
        drain.install(cfg);
        cfg.routes.before(BodyLimit::check);
        cfg.routes.exception(ContentTooLargeResponse.class, (e, ctx) -> BodyLimit.tooLarge(ctx));
        cfg.routes.before(CsrfGuard::check);
        cfg.routes.beforeMatched(rateLimiter::check);
        String answerRoute = routes.stream().filter(r -> r.rateLimit() == ApiRoute.RateLimit.ANSWER)
                .map(ApiRoute::path).findFirst().orElse("");
        cfg.requestLogger.http(new RequestLog(metrics, answerRoute, config.trustedProxies()));
        cfg.routes.get("/health", health::check);
        cfg.routes.get("/metrics", metrics::scrape);
        if (!config.production()) {
            ApiDocs.install(cfg, routes);
        }
    }
}
