package livesurvey;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;

/** A JDBC parameter list for {@code IN (…)}: its placeholders, and ids bound into it. */
public final class SqlLists {
    private SqlLists() {
    }

    /** "?, ?, ?" for n parameters. */
    public static String placeholders(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }

    /** Binds the ids to the parameters from position {@code first} on. */
    public static void bindLongs(PreparedStatement statement, int first, Iterable<Long> ids) throws SQLException {
        int i = first;
        for (long id : ids) {
            statement.setLong(i++, id);
        }
    }
}
