package livesurvey.privacy;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Every text column of every table of the application's schema, from information_schema, searched
 * for a value: what a data-protection officer would run to see that an erasure left nothing behind.
 */
final class TableScan {
    private final Jdbi jdbi;

    TableScan(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    record Column(String table, String column) {
    }

    List<Column> textColumns() {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT table_name, column_name, data_type FROM information_schema.columns
                        WHERE table_schema = :schema ORDER BY table_name, column_name
                        """)
                .bind("schema", schema(h))
                .map((rs, ctx) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)})
                .list().stream()
                .filter(c -> isText(c[2]))
                .map(c -> new Column(c[0], c[1]))
                .toList());
    }

    /** Where the value occurs (case-insensitively, anywhere in the text): "table.column" per hit. */
    List<String> find(String value) {
        List<String> hits = new ArrayList<>();
        List<Column> columns = textColumns();
        if (columns.isEmpty()) {
            throw new AssertionError("information_schema listed no text column: the scan would prove nothing");
        }
        jdbi.useHandle(h -> {
            for (Column c : columns) {
                int n = h.createQuery("SELECT COUNT(*) FROM " + c.table() + " WHERE LOWER(" + c.column() + ") LIKE :v")
                        .bind("v", "%" + value.toLowerCase(Locale.ROOT) + "%").mapTo(Integer.class).one();
                if (n > 0) {
                    hits.add(c.table() + "." + c.column());
                }
            }
        });
        return hits;
    }

    /** H2 keeps the tables in a schema (PUBLIC); MySQL and MariaDB call the database a schema. */
    private static String schema(Handle h) {
        try {
            var connection = h.getConnection();
            boolean h2 = connection.getMetaData().getDatabaseProductName().equals("H2");
            return h2 ? connection.getSchema() : connection.getCatalog();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean isText(String dataType) {
        String type = dataType.toLowerCase(Locale.ROOT);
        return type.contains("char") || type.contains("text") || type.contains("clob");
    }
}
