package livesurvey.webhook;

import io.javalin.Javalin;
import io.javalin.testtools.HttpClient;
import livesurvey.Admin;
import livesurvey.App;
import livesurvey.Config;
import livesurvey.Database;

import java.time.Duration;

/** One running server (its own pool, app and port) on a shared test database: start, use, stop. */
final class Instance implements AutoCloseable {
    /** Loopback allowed (the receiver), quick retries, a day before giving up. */
    static final WebhookSettings FAST = new WebhookSettings(true, Duration.ofMillis(100), Duration.ofMillis(500),
            Duration.ofDays(1), Duration.ofSeconds(5));

    private final Database database;
    private final App app;
    private final Javalin server;
    final HttpClient client;

    Instance(Config config) {
        database = Database.open(config);
        app = new App(config, database);
        server = app.javalin().start(0);
        client = new HttpClient(server, java.net.http.HttpClient.newHttpClient());
    }

    Admin admin() {
        return Admin.loggedIn(client);
    }

    @Override
    public void close() {
        server.stop();
        app.close();
        database.close();
    }
}
