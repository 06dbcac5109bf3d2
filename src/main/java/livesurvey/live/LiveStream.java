package livesurvey.live;

import io.javalin.http.sse.SseClient;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One dashboard's event stream. Chunks (several events encoded once for every stream) are queued
 * and written by a shared sender pool, one writer at a time per stream, everything queued in one
 * flush — so a slow dashboard delays only itself. One that falls far behind (more than
 * {@value #MAX_QUEUED} chunks, several seconds of flushes) is closed: it reconnects with
 * Last-Event-ID and is caught up from the feed, which is cheaper than queueing for it.
 */
final class LiveStream {
    static final int MAX_QUEUED = 64;

    /** Where the bytes go: the HTTP response of the event stream. */
    interface Sink {
        void write(byte[] chunk) throws IOException;

        void flush() throws IOException;

        boolean terminated();

        void close();
    }

    private final Sink sink;
    private final Executor senders;
    private final Runnable onDead;
    private volatile boolean dead;
    private final Queue<byte[]> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicBoolean draining = new AtomicBoolean();
    private List<byte[]> held;
    private volatile boolean closeWhenSent;

    LiveStream(Sink sink, Executor senders, Runnable onDead) {
        this.sink = sink;
        this.senders = senders;
        this.onDead = onDead;
    }

    /** Writes straight to the servlet response: one write and one flush for a whole chunk of events. */
    static Sink sink(SseClient client) {
        return new Sink() {
            @Override
            public void write(byte[] chunk) throws IOException {
                client.ctx().res().getOutputStream().write(chunk);
            }

            @Override
            public void flush() throws IOException {
                client.ctx().res().flushBuffer();
            }

            @Override
            public boolean terminated() {
                return client.terminated();
            }

            @Override
            public void close() {
                client.close();
            }
        };
    }

    /** Holds live chunks back while the stream is being caught up. */
    synchronized void hold() {
        held = new ArrayList<>();
    }

    /** Sends the catch-up, then what was held back meanwhile, in that order. */
    synchronized void release(byte[] catchUp) {
        List<byte[]> pending = held;
        held = null;
        enqueue(catchUp);
        if (pending != null) {
            pending.forEach(this::enqueue);
        }
    }

    synchronized void send(byte[] chunk) {
        if (held != null) {
            held.add(chunk);
        } else {
            enqueue(chunk);
        }
    }

    private void enqueue(byte[] chunk) {
        if (dead || chunk.length == 0) {
            return;
        }
        if (queued.incrementAndGet() > MAX_QUEUED) {
            end();
            return;
        }
        queue.add(chunk);
        if (draining.compareAndSet(false, true)) {
            senders.execute(this::drain);
        }
    }

    private void drain() {
        try {
            byte[] chunk;
            boolean wrote = false;
            while ((chunk = queue.poll()) != null) {
                queued.decrementAndGet();
                if (dead || sink.terminated()) {
                    end();
                    continue;
                }
                sink.write(chunk);
                wrote = true;
            }
            if (wrote && !dead) {
                sink.flush();
            }
            if (closeWhenSent && queue.isEmpty()) {
                end();
            }
        } catch (IOException | RuntimeException e) {
            end();
        } finally {
            draining.set(false);
            if (!queue.isEmpty() && draining.compareAndSet(false, true)) {
                senders.execute(this::drain);
            }
        }
    }

    /**
     * Asks the browser to reconnect (to another instance) after the delay, once what is queued is
     * sent: the SSE "retry" field, between whole events, then the stream is closed.
     */
    void reconnect(long retryMillis) {
        closeWhenSent = true;
        send(("retry: " + retryMillis + "\n\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
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
            sink.close();
        } catch (RuntimeException alreadyGone) {
            // the connection is gone already; nothing more to close
        }
    }

    boolean terminated() {
        return dead || sink.terminated();
    }
}
