package livesurvey.web;

import io.javalin.security.RouteRole;

/** Who may call a route. */
public enum Access implements RouteRole {
    /** Anyone. */
    PUBLIC,
    /** Anyone; identity comes from the respondent cookie. */
    RESPONDENT,
    /** A logged-in admin or an API token. */
    ADMIN
}
