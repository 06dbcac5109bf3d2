package livesurvey;

import io.javalin.testtools.JavalinTest;
import io.javalin.testtools.TestCase;
import io.javalin.testtools.TestConfig;

import java.net.http.HttpClient;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A database to run the tests on: H2 always; MariaDB/MySQL too when LIVESURVEY_TEST_DATABASE_URL
 * names one. Each test class gets a database of its own, created here and dropped afterwards.
 */
public final class Backend implements AutoCloseable {
    static final String URL_VARIABLE = "LIVESURVEY_TEST_DATABASE_URL";
    /** The password of the {@code admin} account every test server starts with. */
    public static final String ADMIN_PASSWORD = "test-admin-password";

    private final String name;
    private final Config config;
    private final Runnable creator;
    private final Runnable dropper;
    private boolean created;
    private Database database;
    private App app;

    private Backend(String name, Config config, Runnable dropper) {
        this(name, config, () -> { }, dropper);
    }

    /** The database is created on first use, so a class that takes only the first backend leaves none behind. */
    private Backend(String name, Config config, Runnable creator, Runnable dropper) {
        this.creator = creator;
        this.name = name;
        this.config = config;
        this.dropper = dropper;
    }

    /** The backends every test class runs on. */
    public static Stream<Backend> all() {
        List<Backend> backends = new ArrayList<>();
        backends.add(h2());
        String url = System.getenv(URL_VARIABLE);
        if (url != null && !url.isBlank()) {
            backends.add(mysql(url));
        }
        announce(backends);
        return backends.stream();
    }

    private static boolean announced;

    private static synchronized void announce(List<Backend> backends) {
        if (!announced) {
            announced = true;
            System.out.println("Databases under test: " + backends.stream().map(b -> b.name + " (" + b.config
                    .databaseUrl().replaceAll(";.*|\\?.*", "") + ")").toList()
                    + (backends.size() == 1 ? " - set " + URL_VARIABLE + " to add MariaDB/MySQL" : ""));
        }
    }

    /** MariaDB/MySQL when the test variable names one, else a durable H2 file in a temporary folder. */
    public static Backend forBenchmarks() throws java.io.IOException {
        String url = System.getenv(URL_VARIABLE);
        if (url != null && !url.isBlank()) {
            return mysql(url);
        }
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("livesurvey-bench");
        return new Backend("H2 (file)", new Config(0, "jdbc:h2:file:" + dir.resolve("bench")
                + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;WRITE_DELAY=0", "sa", "", false, ADMIN_PASSWORD), () -> { });
    }

    public static Backend h2() {
        String url = "jdbc:h2:mem:t" + UUID.randomUUID().toString().replace("-", "")
                + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1";
        return new Backend("H2", new Config(0, url, "sa", "", false, ADMIN_PASSWORD), () -> { });
    }

    static Backend mysql(String serverUrl) {
        String user = System.getenv().getOrDefault("LIVESURVEY_TEST_DATABASE_USER", "root");
        String password = System.getenv().getOrDefault("LIVESURVEY_TEST_DATABASE_PASSWORD", "");
        int query = serverUrl.indexOf('?');
        String base = query < 0 ? serverUrl : serverUrl.substring(0, query);
        String params = query < 0 ? "" : serverUrl.substring(query);
        int slash = base.lastIndexOf('/');
        String schema = base.substring(slash + 1).replaceAll("[^A-Za-z0-9_]", "") + "_" + UUID.randomUUID().toString()
                .substring(0, 8);
        String url = base.substring(0, slash + 1) + schema + params;
        return new Backend("MariaDB", new Config(0, url, user, password, false, ADMIN_PASSWORD),
                () -> execute(serverUrl, user, password,
                        "CREATE DATABASE " + schema + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"),
                () -> execute(serverUrl, user, password, "DROP DATABASE IF EXISTS " + schema));
    }

    private static void execute(String url, String user, String password, String sql) {
        try (var connection = DriverManager.getConnection(url, user, password);
             var statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot prepare the test database at " + url + ": " + e.getMessage(), e);
        }
    }

    /** A second instance on the same database: its own pool, its own app, nothing dropped when closed. */
    public static Backend sameDatabaseAs(Backend other) {
        return new Backend(other.name + " (second instance)", other.config, () -> { });
    }

    /** A new, empty database of the same kind (for tests that need one each). */
    static Backend freshLike(Backend other) {
        return other.name.startsWith("H2") ? h2() : mysql(System.getenv(URL_VARIABLE));
    }

    private synchronized void ensureCreated() {
        if (!created) {
            creator.run();
            created = true;
        }
    }

    public Config config() {
        ensureCreated();
        return config;
    }

    public synchronized Database database() {
        ensureCreated();
        if (database == null) {
            database = Database.open(config);
        }
        return database;
    }

    public synchronized App app() {
        if (app == null) {
            app = new App(config, database());
        }
        return app;
    }

    /** Starts a fresh server on this backend's database and hands it to the test. */
    public void test(TestCase testCase) {
        JavalinTest.test(app().javalin(), new TestConfig(false, false, HttpClient.newHttpClient(), Map.of()), testCase);
    }

    @Override
    public synchronized void close() {
        if (app != null) {
            app.close();
        }
        if (database != null) {
            database.close();
        }
        if (created) {
            dropper.run();
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
