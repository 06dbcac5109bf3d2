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
 */
final class BulkLoad {
    private BulkLoad() {
    }

    static long fill(Target target, long atLeast) throws Exception {
        try (Connection c = target.connect(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            long count = count(s);
            List<String> responseColumns = columns(c, "responses");
            List<String> answerColumns = columns(c, "answers");
            while (count < atLeast) {
                long shift = max(s);
                s.executeUpdate("INSERT INTO responses (" + String.join(", ", responseColumns) + ") SELECT "
                        + select(responseColumns, "id", "token_hash", shift) + " FROM responses WHERE id <= " + shift);
                s.executeUpdate("INSERT INTO answers (" + String.join(", ", answerColumns) + ") SELECT "
                        + select(answerColumns, "response_id", null, shift) + " FROM answers WHERE response_id <= " + shift);
                s.executeUpdate("UPDATE summary_counters SET amount = amount * 2");
                c.commit();
                count = count(s);
                System.out.printf("bench:     %,d responses%n", count);
            }
            return count;
        }
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
        try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM responses")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long max(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT MAX(id) FROM responses")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
