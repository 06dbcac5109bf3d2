package livesurvey.webhook;

import livesurvey.survey.Survey;
import livesurvey.web.ApiException;
import org.jdbi.v3.core.Jdbi;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.util.List;

/** An admin managing a survey's webhook endpoints: register, list, change, delete, log, test. */
public final class Webhooks {
    static final int MAX_ENDPOINTS = 20;
    static final int LOG_LENGTH = 50;

    private final Jdbi jdbi;
    private final WebhookDao dao;
    private final AddressGuard guard;
    private final Clock clock;
    private final Runnable queued;

    /** @param queued told when a delivery was queued on this instance (wakes the dispatcher) */
    public Webhooks(Jdbi jdbi, WebhookSettings settings, Clock clock, Runnable queued) {
        this.jdbi = jdbi;
        this.dao = jdbi.onDemand(WebhookDao.class);
        this.guard = new AddressGuard(settings.allowPrivate());
        this.clock = clock;
        this.queued = queued;
    }

    /** The new endpoint, with its secret: the only time the secret is shown. */
    public Endpoint create(Survey survey, WebhookBody body) {
        checkUrl(body.url());
        if (dao.endpoints(survey.id()).size() >= MAX_ENDPOINTS) {
            throw new ApiException(409, "A survey can have at most " + MAX_ENDPOINTS + " webhook endpoints");
        }
        String secret = Signature.newSecret();
        long id = dao.insertEndpoint(survey.id(), body.url(), String.join(",", body.events()), secret, clock.millis());
        return Endpoint.of(require(survey, id), secret);
    }

    public List<Endpoint> list(Survey survey) {
        return dao.endpoints(survey.id()).stream().map(e -> Endpoint.of(e, null)).toList();
    }

    public Endpoint one(Survey survey, long id) {
        return Endpoint.of(require(survey, id), null);
    }

    /** Changes what the body names; enabling again resumes the paused deliveries, disabling pauses them. */
    public Endpoint update(Survey survey, long id, WebhookBody body) {
        WebhookDao.EndpointRow old = require(survey, id);
        if (body.url() != null) {
            checkUrl(body.url());
        }
        boolean enabled = body.enabled() == null ? old.enabled() : body.enabled();
        long now = clock.millis();
        jdbi.useTransaction(h -> {
            WebhookDao tx = h.attach(WebhookDao.class);
            String reason = enabled ? null : old.enabled() ? "Disabled by an admin" : old.disabledReason();
            tx.updateEndpoint(id, body.url() == null ? old.url() : body.url(),
                    body.events() == null ? old.events() : String.join(",", body.events()), enabled, reason,
                    enabled && !old.enabled() ? 0 : old.consecutiveFailures(), now);
            if (enabled && !old.enabled()) {
                tx.resumeDeliveries(id, now);
            } else if (!enabled && old.enabled()) {
                tx.pauseDeliveries(id);
            }
        });
        queued.run();
        return one(survey, id);
    }

    public void delete(Survey survey, long id) {
        require(survey, id);
        dao.deleteEndpoint(id);
    }

    /** The endpoint's latest deliveries, newest first. */
    public List<Delivery> deliveries(Survey survey, long id) {
        require(survey, id);
        return dao.deliveries(id, LOG_LENGTH).stream().map(Delivery::of).toList();
    }

    /** Queues a {@code webhook.test} event for this endpoint alone. */
    public Delivery sendTest(Survey survey, long id) {
        WebhookDao.EndpointRow endpoint = require(survey, id);
        if (!endpoint.enabled()) {
            throw new ApiException(409, "This endpoint is disabled; enable it before sending a test event.");
        }
        long deliveryId = WebhookOutbox.enqueueTest(dao, endpoint,
                new WebhookEvent.SurveyRef(survey.id(), survey.slug()), clock.millis());
        queued.run();
        return Delivery.of(dao.delivery(deliveryId).orElseThrow());
    }

    private WebhookDao.EndpointRow require(Survey survey, long id) {
        return dao.endpoint(id).filter(e -> e.surveyId() == survey.id())
                .orElseThrow(() -> ApiException.notFound("No such webhook endpoint"));
    }

    private void checkUrl(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new ApiException(422, "url is not a valid URL: " + e.getReason(), "url", null);
        }
        guard.refusal(uri).ifPresent(reason -> {
            throw new ApiException(422, reason, "url", null);
        });
    }
}
