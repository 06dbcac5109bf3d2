package livesurvey.webhook;

import java.time.Duration;

/**
 * How webhooks are delivered.
 *
 * @param allowPrivate  deliver to loopback, private and link-local addresses too (tests, trusted networks)
 * @param firstRetry    the wait after the first failure; it doubles with every further failure
 * @param maxRetry      the longest wait between two attempts
 * @param retryFor      how long a delivery is retried before it fails and its endpoint is disabled
 * @param timeout       for one attempt: connecting, sending and reading the answer
 */
public record WebhookSettings(boolean allowPrivate, Duration firstRetry, Duration maxRetry, Duration retryFor,
                              Duration timeout) {
    /** Production: public addresses only, retries from 10 s doubling to an hour, for a day. */
    public static final WebhookSettings DEFAULTS = new WebhookSettings(false, Duration.ofSeconds(10),
            Duration.ofHours(1), Duration.ofDays(1), Duration.ofSeconds(10));

    public WebhookSettings withAllowPrivate(boolean allow) {
        return new WebhookSettings(allow, firstRetry, maxRetry, retryFor, timeout);
    }

    /** The wait before the next attempt after {@code failures} failed ones, capped at maxRetry. */
    Duration backoff(int failures) {
        long millis = firstRetry.toMillis() << Math.min(Math.max(failures - 1, 0), 30);
        return Duration.ofMillis(Math.min(millis, maxRetry.toMillis()));
    }
}
