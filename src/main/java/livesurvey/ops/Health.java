package livesurvey.ops;

import io.javalin.http.Context;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.jdbi.v3.core.Jdbi;

import javax.sql.DataSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/** GET /health: 200 when the process serves, the database answers and every migration is applied; 503 says what is down, or that it is draining. */
public final class Health {
    private final Jdbi jdbi;
    private final DataSource dataSource;
    private final Drain drain;
    private volatile boolean migrated;
    private final Map<String, BooleanSupplier> parts = new ConcurrentHashMap<>();

    public Health(Jdbi jdbi, DataSource dataSource, Drain drain) {
        this.jdbi = jdbi;
        this.dataSource = dataSource;
        this.drain = drain;
    }

    /** A part of the process that must be running for it to serve, e.g. the answer writers. */
    public void require(String name, BooleanSupplier running) {
        parts.put(name, running);
    }

    public void check(Context ctx) {
        Map<String, String> body = new LinkedHashMap<>();
        if (drain.draining()) {
            // Shutting down: the load balancer takes this instance out of rotation.
            body.put("status", "draining");
            ctx.header("Cache-Control", "no-store").status(503).json(body);
            return;
        }
        boolean databaseUp = databaseUp();
        String migrations = databaseUp ? migrations() : "unknown";
        boolean up = databaseUp && migrations.equals("applied");
        Map<String, String> partStates = new TreeMap<>();
        for (Map.Entry<String, BooleanSupplier> part : parts.entrySet()) {
            boolean running = part.getValue().getAsBoolean();
            up &= running;
            partStates.put(part.getKey(), running ? "up" : "down");
        }
        body.put("status", up ? "up" : "down");
        body.put("database", databaseUp ? "up" : "down");
        body.put("migrations", migrations);
        body.putAll(partStates);
        ctx.header("Cache-Control", "no-store").status(up ? 200 : 503).json(body);
    }

    private boolean databaseUp() {
        try {
            return jdbi.withHandle(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one()) == 1;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Once applied, migrations stay applied while this process runs: check the history table only until then. */
    private String migrations() {
        if (migrated) {
            return "applied";
        }
        try {
            var info = Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().info();
            for (MigrationInfo m : info.all()) {
                if (m.getState().isFailed()) {
                    return "failed";
                }
            }
            if (info.pending().length > 0) {
                return "pending";
            }
            migrated = true;
            return "applied";
        } catch (RuntimeException e) {
            return "unknown";
        }
    }
}
