package livesurvey;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementExceptions;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

import javax.sql.DataSource;
import java.io.IOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The connection pool, the migrations and the shared Jdbi. */
public final class Database implements AutoCloseable {
    private final HikariDataSource dataSource;
    private final Jdbi jdbi;
    private final HikariDataSource replica;

    private Database(HikariDataSource dataSource, HikariDataSource replica) {
        this.dataSource = dataSource;
        this.replica = replica;
        this.jdbi = Jdbi.create(dataSource).installPlugin(new SqlObjectPlugin());
        // A failed statement's message is what ends up in the log: say which statement, never the
        // values bound to it (JDBI's default lists them, and they are respondents' answers).
        jdbi.getConfig(StatementExceptions.class).setMessageRendering(e -> e.getShortMessage()
                + (e.getStatementContext() == null ? "" : " [statement: \"" + e.getStatementContext().getRawSql() + "\"]"));
    }

    /** Connects, migrates, and fails with one clear line when the database is unusable. */
    public static Database open(Config config) {
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(withDriverDefaults(config.databaseUrl()));
        hikari.setUsername(config.databaseUser());
        hikari.setPassword(config.databasePassword());
        hikari.setMaximumPoolSize(config.isH2() ? 8 : 16);
        hikari.setPoolName("livesurvey");
        hikari.setInitializationFailTimeout(10_000);
        hikari.setConnectionTimeout(5_000);
        // No gap locks: under REPEATABLE READ two writers inserting unique claims into one gap deadlock.
        hikari.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        HikariDataSource dataSource;
        try {
            dataSource = new HikariDataSource(hikari);
        } catch (HikariPool.PoolInitializationException | IllegalArgumentException e) {
            throw new StartupException("Cannot connect to the database at " + redact(config.databaseUrl())
                    + ": " + rootMessage(e), e);
        }
        try {
            migrate(dataSource);
        } catch (RuntimeException e) {
            dataSource.close();
            throw new StartupException("Database migration failed: " + rootMessage(e), e);
        }
        return new Database(dataSource, config.readDatabaseUrl() == null ? null : replicaPool(config));
    }

    /** The read replica's pool: read-only, and a replica that is down does not stop start-up. */
    private static HikariDataSource replicaPool(Config config) {
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(withDriverDefaults(config.readDatabaseUrl()));
        hikari.setUsername(config.databaseUser());
        hikari.setPassword(config.databasePassword());
        hikari.setMaximumPoolSize(8);
        hikari.setPoolName("livesurvey-replica");
        hikari.setReadOnly(true);
        hikari.setInitializationFailTimeout(-1);
        hikari.setConnectionTimeout(2_000);
        return new HikariDataSource(hikari);
    }

    /**
     * The Jdbi for the dashboard's reads: the replica while it has caught up with the change feed
     * position given, the primary otherwise (see ReplicaReads); the primary when none is configured.
     */
    public Jdbi readJdbi(java.util.function.LongSupplier feedPosition) {
        if (replica == null) {
            return jdbi;
        }
        return Jdbi.create(new ReplicaReads(dataSource, replica, feedPosition)).installPlugin(new SqlObjectPlugin());
    }

    /**
     * Applies the migrations, one instance at a time across the whole cluster (see MigrationLock).
     * The lock's table is there before Flyway's history table, so a new database is baselined at
     * version 0 (before V1), which changes nothing for a database Flyway already manages.
     */
    static void migrate(DataSource dataSource) {
        if (upToDate(dataSource)) {
            return;
        }
        new MigrationLock(dataSource, Duration.ofSeconds(30), Duration.ofMinutes(10)).runExclusively(() ->
                Flyway.configure().dataSource(dataSource).locations("classpath:db/migration")
                        .baselineOnMigrate(true).baselineVersion("0").load().migrate());
    }

    /**
     * True when every migration this jar ships is already applied, none failed: a restart on an
     * existing database then skips Flyway and the migration lock (loading, scanning and validating
     * were a sixth of start-up on the main thread, JFR). Anything else - a new database, a new
     * migration, a failed one, a history or a jar that cannot be read - goes through Flyway.
     */
    static boolean upToDate(DataSource dataSource) {
        Set<String> shipped = shippedVersions();
        if (shipped.isEmpty()) {
            return false;
        }
        Set<String> applied = new HashSet<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT version, success FROM flyway_schema_history")) {
            while (rs.next()) {
                if (!rs.getBoolean(2)) {
                    return false;
                }
                applied.add(rs.getString(1));
            }
        } catch (SQLException noHistoryYet) {
            return false;
        }
        return applied.containsAll(shipped);
    }

    /** The versions of the migrations on the classpath, as Flyway records them (V11_1__x.sql is 11.1). */
    static Set<String> shippedVersions() {
        Set<String> versions = new HashSet<>();
        try {
            URL dir = Database.class.getClassLoader().getResource(MIGRATIONS);
            if (dir == null) {
                return versions;
            }
            List<String> names = new ArrayList<>();
            if (dir.getProtocol().equals("jar")) {
                var entries = ((JarURLConnection) dir.openConnection()).getJarFile().entries();
                while (entries.hasMoreElements()) {
                    String name = entries.nextElement().getName();
                    if (name.startsWith(MIGRATIONS + "/")) {
                        names.add(name.substring(MIGRATIONS.length() + 1));
                    }
                }
            } else if (dir.getProtocol().equals("file")) {
                try (var files = Files.list(Path.of(dir.toURI()))) {
                    files.forEach(f -> names.add(f.getFileName().toString()));
                }
            } else {
                return Set.of();
            }
            for (String name : names) {
                int end = name.indexOf("__");
                if (name.startsWith("V") && end > 1 && name.endsWith(".sql")) {
                    versions.add(name.substring(1, end).replace('_', '.'));
                } else if (!name.isEmpty()) {
                    return Set.of(); // a file Flyway would treat in a way this check does not know
                }
            }
        } catch (IOException | URISyntaxException | RuntimeException e) {
            return Set.of();
        }
        return versions;
    }

    private static final String MIGRATIONS = "db/migration";

    public Jdbi jdbi() {
        return jdbi;
    }

    public HikariDataSource dataSource() {
        return dataSource;
    }

    @Override
    public void close() {
        if (replica != null) {
            replica.close();
        }
        dataSource.close();
    }

    /** utf8mb4 on the wire (emoji) and batched writes for MySQL; H2 needs nothing. */
    static String withDriverDefaults(String url) {
        if (!url.startsWith("jdbc:mysql:")) {
            return url;
        }
        String sep = url.contains("?") ? "&" : "?";
        StringBuilder extra = new StringBuilder();
        addIfAbsent(url, extra, "characterEncoding", "UTF-8");
        addIfAbsent(url, extra, "connectionCollation", "utf8mb4_unicode_ci");
        addIfAbsent(url, extra, "rewriteBatchedStatements", "true");
        addIfAbsent(url, extra, "useServerPrepStmts", "false");
        addIfAbsent(url, extra, "cachePrepStmts", "true");
        // The write path's statements are longer than the driver's default 256-character cache limit:
        // uncached, each execution parsed its SQL again.
        addIfAbsent(url, extra, "prepStmtCacheSize", "250");
        addIfAbsent(url, extra, "prepStmtCacheSqlLimit", "4096");
        // Hikari sets autocommit and isolation on every borrow; the driver answers from what it knows
        // instead of asking the server each time.
        addIfAbsent(url, extra, "useLocalSessionState", "true");
        addIfAbsent(url, extra, "cacheServerConfiguration", "true");
        addIfAbsent(url, extra, "maintainTimeStats", "false");
        addIfAbsent(url, extra, "connectTimeout", "5000");
        return extra.isEmpty() ? url : url + sep + extra.substring(1);
    }

    private static void addIfAbsent(String url, StringBuilder extra, String key, String value) {
        if (!url.contains(key + "=")) {
            extra.append('&').append(key).append('=').append(value);
        }
    }

    private static String redact(String url) {
        return url.replaceAll("password=[^&]*", "password=***");
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String msg = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        if (t instanceof SQLException sql && sql.getSQLState() != null) {
            msg = msg + " (SQL state " + sql.getSQLState() + ")";
        }
        return msg.lines().findFirst().orElse(msg);
    }
}
