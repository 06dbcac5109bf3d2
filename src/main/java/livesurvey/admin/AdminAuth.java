package livesurvey.admin;

import org.jdbi.v3.core.Jdbi;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Admin identity: logins with bcrypt-checked passwords, database-backed sessions (so every instance
 * knows them), and API tokens for scripts. Only hashes of sessions and tokens are stored.
 */
public final class AdminAuth {
    public static final String FIRST_ADMIN = "admin";
    static final Duration SESSION_LIFETIME = Duration.ofHours(12);
    /** A session is pushed forward at most this often, so reading pages is not one write per request. */
    private static final Duration EXTEND_AFTER = Duration.ofMinutes(15);
    static final String TOKEN_PREFIX = "lsat_";
    private static final int BCRYPT_MAX_BYTES = 72;

    private final AdminDao dao;
    private final Clock clock;

    public AdminAuth(Jdbi jdbi, Clock clock) {
        this.dao = jdbi.onDemand(AdminDao.class);
        this.clock = clock;
    }

    /** Who is asking: an admin session, or a script's API token. */
    public record Principal(String name, boolean apiToken) {
    }

    /** What the first start did: created {@code admin} or not, and the generated password to show once. */
    public record FirstAdmin(boolean created, String generatedPassword) {
    }

    /** On the first start (no admin yet) creates {@code admin} with the given password, or a generated one. */
    public FirstAdmin createFirstAdmin(String configuredPassword) {
        if (dao.countAdmins() > 0) {
            return new FirstAdmin(false, null);
        }
        String password = configuredPassword != null ? configuredPassword : generatedPassword();
        try {
            dao.insertAdmin(FIRST_ADMIN, Secrets.hashPassword(password), clock.millis());
        } catch (RuntimeException e) {
            if (dao.findAdmin(FIRST_ADMIN).isPresent()) {
                return new FirstAdmin(false, null); // another instance created it at the same moment
            }
            throw e;
        }
        return new FirstAdmin(true, configuredPassword != null ? null : password);
    }

    /** A new session token when the password is right; the same empty answer for any kind of wrong. */
    public Optional<String> login(String username, String password) {
        if (password.getBytes(StandardCharsets.UTF_8).length > BCRYPT_MAX_BYTES) {
            Secrets.decoyCheck("");
            return Optional.empty();
        }
        Optional<AdminDao.AdminRow> admin = dao.findAdmin(username);
        if (admin.isEmpty()) {
            Secrets.decoyCheck(password);
            return Optional.empty();
        }
        if (!Secrets.passwordMatches(password, admin.get().passwordHash())) {
            return Optional.empty();
        }
        long now = clock.millis();
        dao.deleteExpiredSessions(now);
        String token = Secrets.newToken();
        dao.insertSession(Secrets.hash(token), admin.get().id(), now, now + SESSION_LIFETIME.toMillis());
        return Optional.of(token);
    }

    public void logout(String sessionToken) {
        if (Secrets.looksValid(sessionToken)) {
            dao.deleteSession(Secrets.hash(sessionToken));
        }
    }

    /** The admin of a live session; the expiry slides forward while the session is used. */
    public Optional<Principal> session(String sessionToken) {
        if (!Secrets.looksValid(sessionToken)) {
            return Optional.empty();
        }
        String hash = Secrets.hash(sessionToken);
        long now = clock.millis();
        return dao.findSession(hash, now).map(s -> {
            long renewed = now + SESSION_LIFETIME.toMillis();
            if (renewed - s.expiresAt() > EXTEND_AFTER.toMillis()) {
                dao.extendSession(hash, renewed);
            }
            return new Principal(s.username(), false);
        });
    }

    /** The script behind an API token. The look-up is by hash, so no stored secret is compared. */
    public Optional<Principal> apiToken(String token) {
        if (token == null || !token.startsWith(TOKEN_PREFIX)
                || !Secrets.looksValid(token.substring(TOKEN_PREFIX.length()))) {
            return Optional.empty();
        }
        return dao.tokenName(Secrets.hash(token)).map(name -> new Principal(name, true));
    }

    /** Creates an API token for a script and returns it; it is never shown again. */
    public String createApiToken(String name) {
        String clean = name == null ? "" : name.strip();
        if (clean.isEmpty() || clean.length() > 100) {
            throw new IllegalArgumentException("A token name is 1 to 100 characters, e.g. create-token backup-script");
        }
        String token = TOKEN_PREFIX + Secrets.newToken();
        dao.insertToken(Secrets.hash(token), clean, clock.millis());
        return token;
    }

    private static String generatedPassword() {
        String alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        SecureRandom random = new SecureRandom();
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            password.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return password.toString();
    }
}
