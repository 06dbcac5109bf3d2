package livesurvey.bench;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;

/** A database the bench runs against, created empty for the run and dropped after. */
abstract class Target implements AutoCloseable {
    abstract String name();

    /** The server's DATABASE_* environment. */
    abstract Map<String, String> environment();

    /** Bytes the survey's rows take: data and indexes of the response tables, or the database file. */
    abstract long bytesUsed() throws Exception;

    boolean isMariaDb() {
        return false;
    }

    /** A connection of the bench's own (for H2, only while no server has the file open). */
    Connection connect() throws Exception {
        Map<String, String> env = environment();
        return DriverManager.getConnection(env.get("DATABASE_URL"), env.getOrDefault("DATABASE_USER", "sa"),
                env.getOrDefault("DATABASE_PASSWORD", ""));
    }

    static Target h2() throws Exception {
        Path dir = Files.createTempDirectory("livesurvey-bench");
        return new Target() {
            @Override
            String name() {
                return "H2";
            }

            @Override
            Map<String, String> environment() {
                return Map.of("DATABASE_URL", "jdbc:h2:file:" + dir.resolve("bench")
                        + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;WRITE_DELAY=0");
            }

            @Override
            long bytesUsed() {
                return dir.resolve("bench.mv.db").toFile().length();
            }

            @Override
            public void close() throws Exception {
                try (var files = Files.walk(dir)) {
                    files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
                }
            }
        };
    }

    /** A fresh database on the MariaDB/MySQL server the URL names. */
    static Target mysql(String url, String user, String password) throws Exception {
        String server = url.replaceFirst("(jdbc:mysql://[^/]+).*", "$1") + "/";
        String db = "livesurvey_bench_" + System.currentTimeMillis();
        try (Connection c = DriverManager.getConnection(server, user, password); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + db + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        }
        return new Target() {
            @Override
            String name() {
                return "MariaDB";
            }

            @Override
            boolean isMariaDb() {
                return true;
            }

            @Override
            Map<String, String> environment() {
                return Map.of("DATABASE_URL", server + db, "DATABASE_USER", user, "DATABASE_PASSWORD", password);
            }

            @Override
            long bytesUsed() throws Exception {
                try (Connection c = connect(); Statement s = c.createStatement()) {
                    s.execute("ANALYZE TABLE responses, answers, unique_claims");
                    try (ResultSet rs = s.executeQuery("SELECT SUM(data_length + index_length) FROM "
                            + "information_schema.tables WHERE table_schema = DATABASE() "
                            + "AND table_name IN ('responses', 'answers', 'unique_claims')")) {
                        rs.next();
                        return rs.getLong(1);
                    }
                }
            }

            @Override
            public void close() throws Exception {
                try (Connection c = DriverManager.getConnection(server, user, password);
                     Statement s = c.createStatement()) {
                    s.execute("DROP DATABASE IF EXISTS " + db);
                }
            }
        };
    }
}
