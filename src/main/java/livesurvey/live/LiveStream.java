package livesurvey.live;

import io.javalin.http.sse.SseClient;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One dashboard's event stream. Messages are queued and written by a shared sender pool, one
 * writer at a time per stream, so a slow dashboard delays only itself; one that falls too far
 * behind is closed and reconnects (with Last-Event-ID) to catch up.
 */
final class LiveStream {
    static final int MAX_QUEUED = 2_000;

    private final SseClient client;
    private final Executor senders;
    private final Runnable onDead;
    private volatile boolean dead;
    private final Queue<SseMessage> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicBoolean draining = new AtomicBoolean();
    private volatile List<SseMessage> held;

    LiveStream(SseClient client, Executor senders, Runnable onDead) {
        this.client = client;
        this.senders = senders;
        this.onDead = onDead;
    }

    /** Holds live messages back while the stream is being caught up. */
    synchronized void hold() {
        held = new ArrayList<>();
    }

    /** Sends the catch-up messages, then what was held back meanwhile, in that order. */
    synchronized void release(List<SseMessage> catchUp) {
        List<SseMessage> pending = held;
        held = null;
        enqueue(catchUp);
        if (pending != null) {
            enqueue(pending);
        }
    }

    synchronized void send(List<SseMessage> messages) {
        if (held != null) {
            held.addAll(messages);
        } else {
            enqueue(messages);
        }
    }

    private void enqueue(List<SseMessage> messages) {
        if (dead || messages.isEmpty()) {
            return;
        }
        if (queued.addAndGet(messages.size()) > MAX_QUEUED) {
            end();
            return;
        }
        queue.addAll(messages);
        if (draining.compareAndSet(false, true)) {
            senders.execute(this::drain);
        }
    }

    private void drain() {
        try {
            SseMessage m;
            while ((m = queue.poll()) != null) {
                queued.decrementAndGet();
                if (dead || client.terminated()) {
                    end();
                    continue;
                }
                if (m.isRetry()) {
                    // Javalin's SseClient has no retry field: written raw, between whole events.
                    var response = client.ctx().res();
                    response.getOutputStream().print("retry: " + m.data() + "\n\n");
                    response.flushBuffer();
                    end();
                } else if (m.isComment()) {
                    client.sendComment(m.data());
                } else {
                    client.sendEvent(m.event(), m.data(), m.id());
                }
            }
        } catch (RuntimeException | java.io.IOException e) {
            end();
        } finally {
            draining.set(false);
            if (!queue.isEmpty() && draining.compareAndSet(false, true)) {
                senders.execute(this::drain);
            }
        }
    }

    /** Asks the browser to reconnect (to another instance) after the delay, once what is queued is sent. */
    void reconnect(long retryMillis) {
        send(List.of(SseMessage.retry(retryMillis)));
    }

    /** Stops sending to this stream for good: it closed, failed, or fell too far behind. */
    void end() {
        if (dead) {
            return;
        }
        dead = true;
        queue.clear();
        onDead.run();
        try {
            client.close();
        } catch (RuntimeException alreadyGone) {
            // the connection is gone already; nothing more to close
        }
    }

    boolean terminated() {
        return dead || client.terminated();
    }
}
