package livesurvey;

import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Instances starting together on one fresh database: one applies the migrations, all start. */
class MigrationsTest extends DatabaseTest {
    private static final int INSTANCES = 4;
    private Backend fresh;

    @org.junit.jupiter.api.BeforeEach
    void freshDatabase() {
        fresh = Backend.freshLike(db);
    }

    @org.junit.jupiter.api.AfterEach
    void dropIt() {
        fresh.close();
    }

    @Test
    void instances_starting_at_once_on_a_fresh_database_all_start_and_each_migration_is_applied_once()
            throws Exception {
        Config config = fresh.config();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(INSTANCES);
        List<Future<Database>> starts = new ArrayList<>();
        List<Database> started = new ArrayList<>();
        try {
            for (int i = 0; i < INSTANCES; i++) {
                starts.add(pool.submit(() -> {
                    go.await();
                    Database database = Database.open(config);
                    new App(config, database).close();
                    return database;
                }));
            }
            go.countDown();
            for (Future<Database> start : starts) {
                started.add(start.get(2, TimeUnit.MINUTES));
            }
            Jdbi jdbi = started.get(0).jdbi();
            Map<String, Integer> applied = new java.util.TreeMap<>();
            jdbi.withHandle(h -> h.createQuery("SELECT version, success FROM flyway_schema_history WHERE version <> '0'")
                            .mapToMap().list())
                    .forEach(row -> {
                        assertTrue(truthy(row.get("success")), "migration " + row.get("version") + " succeeded");
                        applied.merge(String.valueOf(row.get("version")), 1, Integer::sum);
                    });
            assertFalse(applied.isEmpty());
            applied.forEach((version, times) -> assertEquals(1, times, "V" + version + " applied once"));
            assertEquals(1, (int) jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM surveys WHERE slug = 'default'")
                    .mapTo(Integer.class).one()), "the seed migration ran once");
            assertEquals(0, (int) jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM " + MigrationLock.TABLE)
                    .mapTo(Integer.class).one()), "the lock is released");
        } finally {
            pool.shutdownNow();
            started.forEach(Database::close);
        }
    }

    @Test
    void an_instance_waits_while_another_holds_the_migration_lock_then_starts() throws Exception {
        Config config = fresh.config();
        try (Connection other = connect(config)) {
            other.createStatement().execute("CREATE TABLE IF NOT EXISTS " + MigrationLock.TABLE
                    + " (id INT NOT NULL PRIMARY KEY, holder VARCHAR(100) NOT NULL, heartbeat_at TIMESTAMP NOT NULL)");
            other.createStatement().execute("INSERT INTO " + MigrationLock.TABLE
                    + " (id, holder, heartbeat_at) VALUES (1, 'another instance', CURRENT_TIMESTAMP)");
            CompletableFuture<Database> start = CompletableFuture.supplyAsync(() -> Database.open(config));
            try {
                // The other holder's heartbeat is fresh: nothing is migrated while it holds the lock.
                await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                        .until(() -> !start.isDone() && !historyExists(other));
                other.createStatement().execute("DELETE FROM " + MigrationLock.TABLE);
                Database database = start.get(1, TimeUnit.MINUTES);
                database.close();
                assertTrue(historyExists(other), "it migrated once the lock was free");
            } finally {
                start.thenAccept(Database::close);
            }
        }
    }

    @Test
    void a_lock_left_by_an_instance_that_died_is_taken_over() throws Exception {
        Config config = fresh.config();
        try (Connection other = connect(config)) {
            other.createStatement().execute("CREATE TABLE IF NOT EXISTS " + MigrationLock.TABLE
                    + " (id INT NOT NULL PRIMARY KEY, holder VARCHAR(100) NOT NULL, heartbeat_at TIMESTAMP NOT NULL)");
            other.createStatement().execute("INSERT INTO " + MigrationLock.TABLE + " (id, holder, heartbeat_at)"
                    + " VALUES (1, 'a dead instance', TIMESTAMPADD(MINUTE, -5, CURRENT_TIMESTAMP))");
            Database database = CompletableFuture.supplyAsync(() -> Database.open(config)).get(1, TimeUnit.MINUTES);
            database.close();
            assertTrue(historyExists(other));
        }
    }

    @Test
    void a_restart_on_a_migrated_database_skips_flyway_but_a_migration_not_yet_applied_goes_through_it()
            throws Exception {
        Config config = fresh.config();
        try (var files = java.nio.file.Files.list(java.nio.file.Path.of("sql"))) {
            assertEquals(files.count(), Database.shippedVersions().size(), "every file in sql/ is seen in the jar");
        }
        assertTrue(Database.shippedVersions().contains("11.1"), "V11_1__… is recorded by Flyway as 11.1");
        Database.open(config).close();
        try (Connection other = connect(config)) {
            Database database = Database.open(config);
            try {
                assertTrue(Database.upToDate(database.dataSource()), "nothing left to apply");
                // As if the jar brought a migration this database has not had: Flyway runs again.
                other.createStatement().execute("DELETE FROM flyway_schema_history WHERE version = '11.1'");
                assertFalse(Database.upToDate(database.dataSource()));
            } finally {
                database.close();
            }
        }
    }

    private static Connection connect(Config config) throws SQLException {
        return DriverManager.getConnection(config.databaseUrl(), config.databaseUser(), config.databasePassword());
    }

    private static boolean historyExists(Connection c) {
        try (var rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM flyway_schema_history")) {
            return rs.next();
        } catch (SQLException noTableYet) {
            return false;
        }
    }

    private static boolean truthy(Object value) {
        return value instanceof Boolean b ? b : value instanceof Number n && n.intValue() != 0;
    }
}
