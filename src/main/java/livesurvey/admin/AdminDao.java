package livesurvey.admin;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.util.Optional;

/** Admin accounts, their sessions and the API tokens; secrets are stored only as hashes. */
@RegisterConstructorMapper(AdminDao.AdminRow.class)
@RegisterConstructorMapper(AdminDao.SessionRow.class)
interface AdminDao {

    record AdminRow(long id, String username, String passwordHash) {
    }

    record SessionRow(long adminId, String username, long expiresAt) {
    }

    @SqlQuery("SELECT COUNT(*) FROM admins")
    long countAdmins();

    @SqlQuery("SELECT id, username, password_hash FROM admins WHERE username = :username")
    Optional<AdminRow> findAdmin(@Bind("username") String username);

    @SqlUpdate("INSERT INTO admins (username, password_hash, created_at) VALUES (:username, :hash, :now)")
    void insertAdmin(@Bind("username") String username, @Bind("hash") String passwordHash, @Bind("now") long now);

    @SqlUpdate("""
            INSERT INTO admin_sessions (token_hash, admin_id, created_at, expires_at)
            VALUES (:tokenHash, :adminId, :now, :expiresAt)
            """)
    void insertSession(@Bind("tokenHash") String tokenHash, @Bind("adminId") long adminId, @Bind("now") long now,
                       @Bind("expiresAt") long expiresAt);

    @SqlQuery("""
            SELECT s.admin_id, a.username, s.expires_at
            FROM admin_sessions s JOIN admins a ON a.id = s.admin_id
            WHERE s.token_hash = :tokenHash AND s.expires_at > :now
            """)
    Optional<SessionRow> findSession(@Bind("tokenHash") String tokenHash, @Bind("now") long now);

    @SqlUpdate("UPDATE admin_sessions SET expires_at = :expiresAt WHERE token_hash = :tokenHash")
    void extendSession(@Bind("tokenHash") String tokenHash, @Bind("expiresAt") long expiresAt);

    @SqlUpdate("DELETE FROM admin_sessions WHERE token_hash = :tokenHash")
    void deleteSession(@Bind("tokenHash") String tokenHash);

    @SqlUpdate("DELETE FROM admin_sessions WHERE expires_at <= :now")
    int deleteExpiredSessions(@Bind("now") long now);

    @SqlUpdate("INSERT INTO api_tokens (token_hash, name, created_at) VALUES (:tokenHash, :name, :now)")
    void insertToken(@Bind("tokenHash") String tokenHash, @Bind("name") String name, @Bind("now") long now);

    @SqlQuery("SELECT name FROM api_tokens WHERE token_hash = :tokenHash")
    Optional<String> tokenName(@Bind("tokenHash") String tokenHash);
}
