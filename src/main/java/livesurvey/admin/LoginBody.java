package livesurvey.admin;

/** The body of POST /api/login, as the API document describes it (AdminHandler reads it strictly). */
public record LoginBody(String username, String password) {
}
