package livesurvey.admin;

import at.favre.lib.crypto.bcrypt.BCrypt;
import livesurvey.response.RespondentTokens;

import java.nio.charset.StandardCharsets;

/** Passwords through bcrypt; random tokens (sessions, API tokens) through SHA-256 of 256 random bits. */
final class Secrets {
    /** bcrypt cost: about 0.1-0.2 s a check on the dev machine, slow enough to make guessing expensive. */
    static final int COST = 11;
    /** A real hash checked when the username is unknown, so both failures take the same time. */
    private static final String DUMMY_HASH = hashPassword("no such admin: constant-time decoy");

    private Secrets() {
    }

    static String hashPassword(String password) {
        return BCrypt.withDefaults().hashToString(COST, password.toCharArray());
    }

    static boolean passwordMatches(String password, String hash) {
        return BCrypt.verifyer().verify(password.getBytes(StandardCharsets.UTF_8),
                hash.getBytes(StandardCharsets.UTF_8)).verified;
    }

    /** Spends the time of one check, for a username that does not exist. */
    static void decoyCheck(String password) {
        passwordMatches(password, DUMMY_HASH);
    }

    static String newToken() {
        return RespondentTokens.newToken();
    }

    static String hash(String token) {
        return RespondentTokens.hash(token);
    }

    /** Session and API tokens are 43 URL-safe characters (API tokens behind a prefix). */
    static boolean looksValid(String token) {
        return RespondentTokens.looksValid(token);
    }
}
