package livesurvey;

import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import livesurvey.web.Json;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

import java.sql.SQLException;
import java.util.Map;

/**
 * Loads, on a second thread, the classes the server needs once the database is open, while the main
 * thread connects and runs Flyway. Start-up is almost all class loading and interpreted code on one
 * thread (JFR on an existing H2 database: the pool and Flyway about 40% of the main thread's samples,
 * building the app 35%, Javalin's configuration 20%), so the second core can do the last two's class
 * loading meanwhile. Nothing here is kept or started; a failure only means no head start.
 */
final class StartupWarmUp {
    private StartupWarmUp() {
    }

    static void start() {
        Thread t = new Thread(StartupWarmUp::run, "startup-warm-up");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    private static void run() {
        try {
            Json.MAPPER.writeValueAsBytes(Map.of("warm", 1));
            Jdbi.create(() -> {
                throw new SQLException("warm-up only: never connects");
            }).installPlugin(new SqlObjectPlugin());
            new PrometheusMeterRegistry(PrometheusConfig.DEFAULT).close();
            // Configured, never started: no port is opened.
            Javalin.create(cfg -> {
                cfg.staticFiles.enableWebjars();
                cfg.startup.showJavalinBanner = false;
                cfg.routes.get("/", ctx -> ctx.result(""));
            });
        } catch (Exception | LinkageError e) {
            // Only a head start; the main thread loads whatever this did not.
        }
    }
}
