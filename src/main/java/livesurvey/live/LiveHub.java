package livesurvey.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.sse.SseClient;
import livesurvey.survey.Survey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * Fans the change feed out to the dashboards' event streams. Changes are coalesced per survey
 * ({@link Coalescer}: at most one flush per {@link #COALESCE} carrying every response changed
 * since the last); each flush reads the rows and the summary once, encodes them once into one
 * chunk of events, and queues that same chunk on every stream of the survey.
 */
public final class LiveHub implements ChangeFollower.Listener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LiveHub.class);
    static final int REPLAY_LIMIT = 10_000;
    static final Duration COALESCE = Duration.ofMillis(100);

    private final ChangeDao changes;
    private final ChangeFollower follower;
    private final LiveViews views;
    private final ObjectMapper mapper;
    private final Map<Long, Set<LiveStream>> streams = new ConcurrentHashMap<>();
    private final Map<Long, Survey> surveys = new ConcurrentHashMap<>();
    // A blocked write (a slow or vanished dashboard) holds one thread, never the others' delivery.
    private final ExecutorService senders = Executors.newCachedThreadPool(daemon("sse-sender"));
    // Flushes read the database: on a thread of their own, never the feed follower's.
    private final ScheduledExecutorService flusher = Executors.newSingleThreadScheduledExecutor(daemon("live-flush"));
    private final Coalescer coalescer;

    public LiveHub(ChangeDao changes, ChangeFollower follower, LiveViews views, ObjectMapper mapper) {
        this.changes = changes;
        this.follower = follower;
        this.views = views;
        this.mapper = mapper;
        this.coalescer = new Coalescer(COALESCE, System::currentTimeMillis, follower::position,
                (delay, task) -> flusher.schedule(() -> runSafely(task), delay, TimeUnit.MILLISECONDS), this::flush);
        follower.addListener(this);
        flusher.scheduleAtFixedRate(this::ping, 15, 15, TimeUnit.SECONDS);
    }

    /** A dashboard connects: catch it up (from Last-Event-ID, if any), then keep it live. */
    public void join(Survey survey, SseClient client, Long lastEventId) {
        long surveyId = survey.id();
        surveys.put(surveyId, survey);
        client.keepAlive();
        LiveStream[] self = new LiveStream[1];
        LiveStream stream = new LiveStream(LiveStream.sink(client), senders, () -> leave(surveyId, self[0]));
        self[0] = stream;
        stream.hold();
        streams.computeIfAbsent(surveyId, id -> ConcurrentHashMap.newKeySet()).add(stream);
        client.onClose(() -> leave(surveyId, stream));
        long position = follower.position();
        List<SseMessage> catchUp = new ArrayList<>();
        // Even at the position: changes above a gap the position waits on may have been sent while it was away.
        if (lastEventId != null) {
            catchUp.addAll(replay(survey, lastEventId, position));
        }
        catchUp.add(message("summary", views.summary(survey), position));
        stream.release(SseMessage.encode(catchUp));
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
        Set<Long> ids = new LinkedHashSet<>();
        missed.forEach(c -> ids.add(c.responseId()));
        return responseMessages(survey, ids, position);
    }

    @Override
    public void onChanges(List<Change> batch, long position) {
        Map<Long, List<Long>> bySurvey = new LinkedHashMap<>();
        batch.stream().filter(c -> !Change.FORGOT.equals(c.kind())) // the row did not change
                .forEach(c -> bySurvey.computeIfAbsent(c.surveyId(), id -> new ArrayList<>()).add(c.responseId()));
        bySurvey.forEach((surveyId, ids) -> {
            Set<LiveStream> listeners = streams.get(surveyId);
            if (listeners != null && !listeners.isEmpty()) {
                coalescer.add(surveyId, ids);
            }
        });
    }

    /** One coalesced flush: the changed rows (or deletions), then the summary, as one chunk for every stream. */
    private void flush(long surveyId, Set<Long> responseIds, long position) {
        Set<LiveStream> listeners = streams.get(surveyId);
        Survey survey = surveys.get(surveyId);
        if (listeners == null || listeners.isEmpty() || survey == null) {
            return;
        }
        byte[] chunk;
        try {
            List<SseMessage> messages = responseMessages(survey, responseIds, position);
            messages.add(message("summary", views.summary(survey), position));
            chunk = SseMessage.encode(messages);
        } catch (RuntimeException e) {
            // The database is unreachable: nothing was sent, so nothing is lost; try these again in a second.
            LOG.warn("Live update failed, retrying: {}", e.getMessage());
            flusher.schedule(() -> coalescer.add(surveyId, responseIds), 1, TimeUnit.SECONDS);
            return;
        }
        listeners.forEach(s -> s.send(chunk));
    }

    /** The feed may have lost something: every dashboard reloads what it shows. */
    @Override
    public void onReset(String reason) {
        byte[] reset = SseMessage.encode(List.of(message("reset", Map.of("reason", "some changes may have been missed"),
                follower.position())));
        streams.values().forEach(set -> set.forEach(s -> s.send(reset)));
    }

    private List<SseMessage> responseMessages(Survey survey, Collection<Long> ids, long position) {
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
        runSafely(() -> {
            byte[] ping = SseMessage.encode(List.of(SseMessage.comment("ping")));
            streams.values().forEach(set -> {
                set.removeIf(LiveStream::terminated);
                set.forEach(s -> s.send(ping));
            });
        });
    }

    private static void runSafely(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.warn("Live update failed: {}", e.getMessage());
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
        flusher.shutdownNow();
        senders.shutdownNow();
    }

    private static ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
