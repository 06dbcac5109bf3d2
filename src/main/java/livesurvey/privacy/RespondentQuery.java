package livesurvey.privacy;

/**
 * Body of the admin's export and erase calls: a free-text question's key and the answer to look
 * for (compared ignoring case and surrounding spaces). A body, not a query string, so that an email
 * never ends up in a URL, a proxy's log or the browser's history.
 */
public record RespondentQuery(String key, String value) {
}
