package livesurvey.webhook;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.util.List;
import java.util.Optional;

/** Webhook endpoints and the outbox of their deliveries. */
@RegisterConstructorMapper(WebhookDao.EndpointRow.class)
@RegisterConstructorMapper(WebhookDao.DeliveryRow.class)
@RegisterConstructorMapper(WebhookDao.ResponseSnapshot.class)
@RegisterConstructorMapper(WebhookDao.AnswerSnapshot.class)
interface WebhookDao {
    String ENDPOINT = "id, survey_id, url, events, secret, enabled, disabled_reason, consecutive_failures, "
            + "created_at, updated_at";
    String DELIVERY = "id, endpoint_id, event_id, event_type, payload, status, attempts, next_attempt_at, "
            + "claim_token, last_status_code, last_error, created_at, delivered_at";

    record EndpointRow(long id, long surveyId, String url, String events, String secret, boolean enabled,
                       String disabledReason, int consecutiveFailures, long createdAt, long updatedAt) {
    }

    record DeliveryRow(long id, long endpointId, String eventId, String eventType, String payload, String status,
                       int attempts, long nextAttemptAt, String claimToken, Integer lastStatusCode,
                       String lastError, long createdAt, Long deliveredAt) {
    }

    /** A response as an event reports it. */
    record ResponseSnapshot(long id, long startedAt, long updatedAt, Long completedAt, int currentStep) {
    }

    /** One answer with its question's key and kind (checkbox answers are JSON arrays). */
    record AnswerSnapshot(String questionKey, String kind, String answerValue) {
    }

    @SqlQuery("SELECT id, started_at, updated_at, completed_at, current_step FROM responses WHERE id = :id")
    ResponseSnapshot response(@Bind("id") long responseId);

    @SqlQuery("""
            SELECT q.question_key, q.kind, a.answer_value FROM answers a JOIN questions q ON q.id = a.question_id
            WHERE a.response_id = :id ORDER BY q.step, q.position
            """)
    List<AnswerSnapshot> answers(@Bind("id") long responseId);

    @SqlQuery("SELECT slug FROM surveys WHERE id = :id")
    String slug(@Bind("id") long surveyId);

    @SqlUpdate("""
            INSERT INTO webhook_endpoints (survey_id, url, events, secret, enabled, created_at, updated_at)
            VALUES (:surveyId, :url, :events, :secret, TRUE, :now, :now)
            """)
    @GetGeneratedKeys("id")
    long insertEndpoint(@Bind("surveyId") long surveyId, @Bind("url") String url, @Bind("events") String events,
                        @Bind("secret") String secret, @Bind("now") long now);

    @SqlQuery("SELECT " + ENDPOINT + " FROM webhook_endpoints WHERE survey_id = :surveyId ORDER BY id")
    List<EndpointRow> endpoints(@Bind("surveyId") long surveyId);

    @SqlQuery("SELECT " + ENDPOINT + " FROM webhook_endpoints WHERE id = :id")
    Optional<EndpointRow> endpoint(@Bind("id") long id);

    @SqlUpdate("""
            UPDATE webhook_endpoints SET url = :url, events = :events, enabled = :enabled,
                disabled_reason = :reason, consecutive_failures = :failures, updated_at = :now
            WHERE id = :id
            """)
    int updateEndpoint(@Bind("id") long id, @Bind("url") String url, @Bind("events") String events,
                       @Bind("enabled") boolean enabled, @Bind("reason") String reason,
                       @Bind("failures") int failures, @Bind("now") long now);

    @SqlUpdate("DELETE FROM webhook_endpoints WHERE id = :id")
    int deleteEndpoint(@Bind("id") long id);

    @SqlUpdate("""
            INSERT INTO webhook_deliveries (endpoint_id, response_id, event_id, event_type, payload, status,
                next_attempt_at, created_at)
            VALUES (:endpointId, :responseId, :eventId, :type, :payload, 'pending', :now, :now)
            """)
    @GetGeneratedKeys("id")
    long enqueue(@Bind("endpointId") long endpointId, @Bind("responseId") Long responseId,
                 @Bind("eventId") String eventId, @Bind("type") String type, @Bind("payload") String payload,
                 @Bind("now") long now);

    /** Every delivery that carries a response's answers, sent or not: the response is being deleted. */
    @SqlUpdate("DELETE FROM webhook_deliveries WHERE response_id = :responseId")
    int forgetResponse(@Bind("responseId") long responseId);

    @SqlQuery("""
            SELECT id FROM webhook_deliveries WHERE status = 'pending' AND next_attempt_at <= :now
            ORDER BY next_attempt_at LIMIT :limit
            """)
    List<Long> due(@Bind("now") long now, @Bind("limit") int limit);

    /** MariaDB 10.6+ / MySQL 8: rows another instance is claiming right now are passed over, not waited for. */
    @SqlQuery("""
            SELECT id FROM webhook_deliveries WHERE status = 'pending' AND next_attempt_at <= :now
            ORDER BY next_attempt_at LIMIT :limit FOR UPDATE SKIP LOCKED
            """)
    List<Long> dueSkipLocked(@Bind("now") long now, @Bind("limit") int limit);

    /** 1 if this claim won the delivery: it was due and unclaimed (or its lease ran out). */
    @SqlUpdate("""
            UPDATE webhook_deliveries SET claim_token = :token, next_attempt_at = :leaseEnd, attempts = attempts + 1
            WHERE id = :id AND status = 'pending' AND next_attempt_at <= :now
            """)
    int claim(@Bind("id") long id, @Bind("token") String token, @Bind("now") long now,
              @Bind("leaseEnd") long leaseEnd);

    @SqlQuery("SELECT " + DELIVERY + " FROM webhook_deliveries WHERE id = :id")
    Optional<DeliveryRow> delivery(@Bind("id") long id);

    /** The outcome of an attempt, recorded only by the claim that made it. */
    @SqlUpdate("""
            UPDATE webhook_deliveries SET status = :status, next_attempt_at = :next, claim_token = NULL,
                last_status_code = :code, last_error = :error, delivered_at = :deliveredAt
            WHERE id = :id AND claim_token = :token
            """)
    int settle(@Bind("id") long id, @Bind("token") String token, @Bind("status") String status,
               @Bind("next") long next, @Bind("code") Integer code, @Bind("error") String error,
               @Bind("deliveredAt") Long deliveredAt);

    @SqlUpdate("""
            UPDATE webhook_endpoints SET consecutive_failures = CASE WHEN :ok THEN 0 ELSE consecutive_failures + 1 END
            WHERE id = :id
            """)
    void countAttempt(@Bind("id") long id, @Bind("ok") boolean ok);

    @SqlUpdate("""
            UPDATE webhook_endpoints SET enabled = FALSE, disabled_reason = :reason, updated_at = :now
            WHERE id = :id AND enabled
            """)
    int disable(@Bind("id") long id, @Bind("reason") String reason, @Bind("now") long now);

    @SqlUpdate("UPDATE webhook_deliveries SET status = 'paused' WHERE endpoint_id = :id AND status = 'pending'")
    void pauseDeliveries(@Bind("id") long endpointId);

    @SqlUpdate("""
            UPDATE webhook_deliveries SET status = 'pending', next_attempt_at = :now, claim_token = NULL
            WHERE endpoint_id = :id AND status = 'paused'
            """)
    void resumeDeliveries(@Bind("id") long endpointId, @Bind("now") long now);

    @SqlQuery("SELECT " + DELIVERY + " FROM webhook_deliveries WHERE endpoint_id = :id ORDER BY id DESC LIMIT :limit")
    List<DeliveryRow> deliveries(@Bind("id") long endpointId, @Bind("limit") int limit);

    /** Finished deliveries older than the log keeps. */
    @SqlUpdate("DELETE FROM webhook_deliveries WHERE status IN ('delivered', 'failed') AND created_at < :before")
    int prune(@Bind("before") long before);
}
