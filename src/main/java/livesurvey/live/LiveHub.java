package livesurvey.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.sse.SseClient;
import livesurvey.survey.Survey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Fans the change feed out to the dashboards' event streams. Each batch of changes becomes one
 * set of messages per survey — built and serialised once, whatever the number of dashboards.
 */
public final class LiveHub implements ChangeFollower.Listener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LiveHub.class);
    static final int REPLAY_LIMIT = 10_000;

    private final ChangeDao changes;
    private final ChangeFollower follower;
    private final LiveViews views;
    private final ObjectMapper mapper;
    private final Map<Long, Set<LiveStream>> streams = new ConcurrentHashMap<>();
    private final Map<Long, Survey> surveys = new ConcurrentHashMap<>();
    // A blocked write (a slow or vanished dashboard) holds one thread, never the others' delivery.
    private final ExecutorService senders = Executors.newCachedThreadPool(daemon("sse-sender"));
    private final ScheduledExecutorService pinger = Executors.newSingleThreadScheduledExecutor(daemon("sse-ping"));

    public LiveHub(ChangeDao changes, ChangeFollower follower, LiveViews views, ObjectMapper mapper) {
        this.changes = changes;
        this.follower = follower;
        this.views = views;
        this.mapper = mapper;
        follower.addListener(this);
        pinger.scheduleAtFixedRate(this::ping, 15, 15, TimeUnit.SECONDS);
    }

    /** A dashboard connects: catch it up (from Last-Event-ID, if any), then keep it live. */
    public void join(Survey survey, SseClient client, Long lastEventId) {
        long surveyId = survey.id();
        surveys.put(surveyId, survey);
        client.keepAlive();
        LiveStream[] self = new LiveStream[1];
        LiveStream stream = new LiveStream(client, senders, () -> leave(surveyId, self[0]));
        self[0] = stream;
        stream.hold();
        streams.computeIfAbsent(surveyId, id -> ConcurrentHashMap.newKeySet()).add(stream);
        client.onClose(() -> leave(surveyId, stream));
        long position = follower.position();
        List<SseMessage> catchUp = new ArrayList<>();
        if (lastEventId != null && lastEventId < position) {
            catchUp.addAll(replay(survey, lastEventId, position));
        }
        catchUp.add(message("summary", views.summary(survey), position));
        stream.release(catchUp);
    }

    /** Changes since lastEventId, as current rows; a reset when they are older than the feed keeps. */
    private List<SseMessage> replay(Survey survey, long lastEventId, long position) {
        long oldest = changes.oldest().orElse(position + 1);
        if (lastEventId < oldest - 1) {
            return List.of(message("reset", Map.of("reason", "too far behind"), position));
        }
        List<Change> missed = changes.afterForSurvey(lastEventId, survey.id(), REPLAY_LIMIT);
        if (missed.size() == REPLAY_LIMIT) {
            return List.of(message("reset", Map.of("reason", "too many changes"), position));
        }
        return responseMessages(survey, missed, position);
    }

    @Override
    public void onChanges(List<Change> batch, long position) {
        Map<Long, List<Change>> bySurvey = new LinkedHashMap<>();
        batch.forEach(c -> bySurvey.computeIfAbsent(c.surveyId(), id -> new ArrayList<>()).add(c));
        bySurvey.forEach((surveyId, surveyChanges) -> {
            Set<LiveStream> listeners = streams.get(surveyId);
            Survey survey = surveys.get(surveyId);
            if (listeners == null || listeners.isEmpty() || survey == null) {
                return;
            }
            // Rows first, at once: the summary takes queries, and keystrokes should not wait for them.
            List<SseMessage> rows = responseMessages(survey, surveyChanges, position);
            listeners.forEach(s -> s.send(rows));
            List<SseMessage> summary = List.of(message("summary", views.summary(survey), position));
            listeners.forEach(s -> s.send(summary));
        });
    }

    private List<SseMessage> responseMessages(Survey survey, List<Change> changed, long position) {
        Set<Long> ids = new LinkedHashSet<>();
        changed.forEach(c -> ids.add(c.responseId()));
        Map<Long, ?> rows = ids.isEmpty() ? Map.of() : views.rows(survey, ids);
        List<SseMessage> messages = new ArrayList<>();
        for (Long id : ids) {
            Object row = rows.get(id);
            messages.add(row == null ? message("deleted", Map.of("id", id), position) : message("response", row, position));
        }
        return messages;
    }

    private SseMessage message(String event, Object data, long position) {
        try {
            return new SseMessage(event, mapper.writeValueAsString(data), Long.toString(position));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void leave(long surveyId, LiveStream stream) {
        Set<LiveStream> set = streams.get(surveyId);
        if (set != null) {
            set.remove(stream);
        }
    }

    private void ping() {
        try {
            List<SseMessage> ping = List.of(SseMessage.comment("ping"));
            streams.values().forEach(set -> {
                set.removeIf(LiveStream::terminated);
                set.forEach(s -> s.send(ping));
            });
        } catch (RuntimeException e) {
            LOG.warn("Ping failed", e);
        }
    }

    /**
     * This instance is draining: every stream gets a retry hint and is closed after what it has
     * queued, so its dashboard reconnects, through the load balancer, to another instance and
     * catches up there with Last-Event-ID.
     */
    public void reconnectAll(long retryMillis) {
        streams.values().forEach(set -> set.forEach(s -> s.reconnect(retryMillis)));
    }

    /** Waits, within the bound, until every stream has closed. */
    public boolean awaitNoConnections(java.time.Duration bound) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        while (true) {
            streams.values().forEach(set -> set.removeIf(LiveStream::terminated));
            if (connections() == 0) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
    }

    /** The server is stopping: end every stream, so nothing writes to a recycled request. */
    public void disconnectAll() {
        streams.values().forEach(set -> {
            set.forEach(LiveStream::end);
            set.clear();
        });
    }

    /** Open event streams, for /metrics. */
    public int connections() {
        return streams.values().stream().mapToInt(Set::size).sum();
    }

    @Override
    public void close() {
        pinger.shutdownNow();
        senders.shutdownNow();
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
