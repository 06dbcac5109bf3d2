package livesurvey.webhook;

import org.jdbi.v3.core.Jdbi;

import java.time.Clock;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Records what an attempt did: delivered; retried later with exponential backoff; or, once a
 * delivery has failed for {@code retryFor}, failed for good with its endpoint disabled (its other
 * deliveries wait, paused, until an admin enables it again).
 */
final class Outcomes {
    private static final int MAX_ERROR = 500;

    private final Jdbi jdbi;
    private final WebhookSettings settings;
    private final Clock clock;

    Outcomes(Jdbi jdbi, WebhookSettings settings, Clock clock) {
        this.jdbi = jdbi;
        this.settings = settings;
        this.clock = clock;
    }

    void record(Dispatcher.Claim claim, Sender.Attempt attempt) {
        long now = clock.millis();
        if (attempt.delivery() == null || attempt.endpoint() == null) {
            return; // deleted with its endpoint
        }
        jdbi.useTransaction(h -> {
            WebhookDao dao = h.attach(WebhookDao.class);
            if (attempt.skipped()) {
                dao.settle(claim.id(), claim.token(), "paused", now, null, attempt.error(), null);
                return;
            }
            long endpointId = attempt.endpoint().id();
            dao.countAttempt(endpointId, attempt.ok());
            String error = cut(attempt.error());
            if (attempt.ok()) {
                dao.settle(claim.id(), claim.token(), "delivered", now, attempt.status(), null, now);
            } else if (now - attempt.delivery().createdAt() >= settings.retryFor().toMillis()) {
                if (dao.settle(claim.id(), claim.token(), "failed", now, attempt.status(), error, null) == 1) {
                    dao.disable(endpointId, cut("Disabled after failing for " + describe() + ": " + error), now);
                    dao.pauseDeliveries(endpointId);
                }
            } else {
                long wait = settings.backoff(attempt.delivery().attempts()).toMillis();
                long jitter = ThreadLocalRandom.current().nextLong(wait / 10 + 1);
                dao.settle(claim.id(), claim.token(), "pending", now + wait + jitter, attempt.status(), error, null);
            }
        });
    }

    private String describe() {
        long hours = settings.retryFor().toHours();
        return hours >= 1 ? hours + " h" : settings.retryFor().toSeconds() + " s";
    }

    private static String cut(String text) {
        return text == null || text.length() <= MAX_ERROR ? text : text.substring(0, MAX_ERROR);
    }
}
