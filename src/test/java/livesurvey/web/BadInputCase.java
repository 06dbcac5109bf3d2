package livesurvey.web;

import java.nio.charset.StandardCharsets;

/**
 * One row of the bad-input table: a raw request (exact bytes, exact path) and what must come of it.
 *
 * @param path        raw, already percent-encoded; {@code ME} stands for /api/surveys/default/responses/me
 * @param stores      the question key whose stored value must equal {@code storedJson} afterwards, or null
 *                    when the database must be unchanged
 * @param auth        who sends it: RESPONDENT (a started respondent's cookie), ADMIN (bearer token), NONE
 * @param cookie      with NONE: a raw Cookie header to send instead (forged identities), or null
 */
record BadInputCase(String name, String method, String path, String contentType, byte[] body, int status,
                    String stores, String storedJson, Auth auth, String cookie) {

    static final String ME = "/api/surveys/default/responses/me";

    enum Auth { RESPONDENT, ADMIN, FORGED_BEARER, NONE }

    static BadInputCase of(String name, String method, String path, int status) {
        return new BadInputCase(name, method, path.replace("ME", ME), null, null, status, null, null, Auth.RESPONDENT, null);
    }

    BadInputCase json(String text) {
        return body("application/json", text.getBytes(StandardCharsets.UTF_8));
    }

    BadInputCase body(String type, byte[] bytes) {
        return new BadInputCase(name, method, path, type, bytes, status, stores, storedJson, auth, cookie);
    }

    BadInputCase storesAs(String key, String json) {
        return new BadInputCase(name, method, path, contentType, body, status, key, json, auth, cookie);
    }

    BadInputCase as(Auth who) {
        return new BadInputCase(name, method, path, contentType, body, status, stores, storedJson, who, cookie);
    }

    /** Sends this exact Authorization: Bearer value (in the cookie slot) instead of a valid token. */
    BadInputCase bearer(String token) {
        return new BadInputCase(name, method, path, contentType, body, status, stores, storedJson, Auth.FORGED_BEARER, token);
    }

    BadInputCase withCookie(String raw) {
        return new BadInputCase(name, method, path, contentType, body, status, stores, storedJson, Auth.NONE, raw);
    }

    @Override
    public String toString() {
        return status + " " + name;
    }
}
