package livesurvey.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Grows the survey to a million responses quickly: doubles the responses and their answers with
 * INSERT … SELECT (ids shifted past the largest, copies without a respondent token) and doubles the
 * summary counters with them, so the summary stays right. Column lists come from the database, so
 * the loader follows the schema as migrations change it. Run with no server holding the database.
 *
 * <p>Each doubling is copied in chunks of {@link #CHUNK} responses, one commit per chunk, with the
 * progress printed as it goes, so a long load shows how far it is and one transaction never holds
 * half a million rows. On H2 the identity sequence is moved past the copies first (see below): the
 * profile of the old loader showed H2 storing its file once per copied row, so it never reached 1M.
 */
final class BulkLoad {
    static final int CHUNK = 20_000;

    private BulkLoad() {
    }

    static long fill(Target target, long atLeast) throws Exception {
        try (Connection c = target.connect(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            long count = count(s);
            if (count == 0) {
                throw new IllegalStateException("no responses to copy: the bench loads after its small phase");
            }
            List<String> responseColumns = columns(c, "responses");
            List<String> answerColumns = columns(c, "answers");
            long began = System.nanoTime();
            while (count < atLeast) {
                long shift = max(s);
                String copyResponses = "INSERT INTO responses (" + String.join(", ", responseColumns) + ") SELECT "
                        + select(responseColumns, "id", "token_hash", shift) + " FROM responses WHERE id BETWEEN ";
                String copyAnswers = "INSERT INTO answers (" + String.join(", ", answerColumns) + ") SELECT "
                        + select(answerColumns, "response_id", null, shift) + " FROM answers WHERE response_id BETWEEN ";
                if (!target.isMariaDb()) {
                    // H2 moves the identity sequence up for each row inserted above it, and commits that
                    // on its own (a file write per row with WRITE_DELAY=0): move it past the copies first.
                    s.executeUpdate("ALTER TABLE responses ALTER COLUMN id RESTART WITH " + (2 * shift + 1));
                }
                long copied = 0;
                long lastPrint = System.nanoTime();
                for (long from = min(s); from <= shift; from += CHUNK) {
                    String range = from + " AND " + Math.min(shift, from + CHUNK - 1);
                    copied += s.executeUpdate(copyResponses + range);
                    s.executeUpdate(copyAnswers + range);
                    c.commit();
                    if (System.nanoTime() - lastPrint > 5_000_000_000L) {
                        System.out.printf("bench:     %,d responses (%,d s)%n", count + copied, seconds(began));
                        lastPrint = System.nanoTime();
                    }
                }
                // The copies are in every counter their originals are in: double them all at once.
                s.executeUpdate("UPDATE summary_counters SET amount = amount * 2");
                s.executeUpdate("UPDATE trend_counters SET amount = amount * 2");
                s.executeUpdate("UPDATE funnel_counters SET amount = amount * 2");
                c.commit();
                count = count(s);
                System.out.printf("bench:     %,d responses (%,d s)%n", count, seconds(began));
            }
            return count;
        }
    }

    private static long seconds(long since) {
        return (System.nanoTime() - since) / 1_000_000_000L;
    }

    private static String select(List<String> columns, String idColumn, String nullColumn, long shift) {
        List<String> out = new ArrayList<>();
        for (String col : columns) {
            out.add(col.equals(idColumn) ? col + " + " + shift : col.equals(nullColumn) ? "NULL" : col);
        }
        return String.join(", ", out);
    }

    private static List<String> columns(Connection c, String table) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (ResultSet rs = c.getMetaData().getColumns(c.getCatalog(), null, table, null)) {
            while (rs.next()) {
                columns.add(rs.getString("COLUMN_NAME").toLowerCase());
            }
        }
        if (columns.isEmpty()) {
            throw new IllegalStateException("no columns found for " + table);
        }
        return columns;
    }

    private static long count(Statement s) throws SQLException {
        return one(s, "SELECT COUNT(*) FROM responses");
    }

    private static long min(Statement s) throws SQLException {
        return one(s, "SELECT MIN(id) FROM responses");
    }

    private static long max(Statement s) throws SQLException {
        return one(s, "SELECT MAX(id) FROM responses");
    }

    private static long one(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
