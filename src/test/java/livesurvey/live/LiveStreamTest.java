package livesurvey.live;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LiveStreamTest {
    /** A dashboard's connection: records what is written, or blocks every write until released. */
    static final class FakeSink implements LiveStream.Sink {
        final ByteArrayOutputStream written = new ByteArrayOutputStream();
        final CountDownLatch unblock;
        final AtomicBoolean closed = new AtomicBoolean();

        FakeSink(boolean blocked) {
            unblock = new CountDownLatch(blocked ? 1 : 0);
        }

        @Override
        public void write(byte[] chunk) throws IOException {
            try {
                unblock.await();
            } catch (InterruptedException e) {
                throw new IOException(e);
            }
            synchronized (written) {
                written.write(chunk);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public boolean terminated() {
            return closed.get();
        }

        @Override
        public void close() {
            closed.set(true);
        }

        String text() {
            synchronized (written) {
                return written.toString(StandardCharsets.UTF_8);
            }
        }
    }

    private static byte[] event(int n) {
        return SseMessage.encode(List.of(new SseMessage("response", "{\"n\":" + n + "}", Integer.toString(n))));
    }

    @Test
    void a_stalled_stream_delays_no_other_and_is_closed_once_it_falls_far_behind() {
        ExecutorService senders = Executors.newCachedThreadPool();
        try {
            FakeSink stalled = new FakeSink(true);
            FakeSink healthy = new FakeSink(false);
            AtomicBoolean stalledLeft = new AtomicBoolean();
            var slow = new LiveStream(stalled, senders, () -> stalledLeft.set(true));
            var fast = new LiveStream(healthy, senders, () -> { });
            for (int i = 0; i < LiveStream.MAX_QUEUED; i++) {
                slow.send(event(i));
                fast.send(event(i));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> healthy.text().contains("\"n\":" + (LiveStream.MAX_QUEUED - 1)));
            assertFalse(stalledLeft.get(), "within the limit the stalled stream is kept");

            // It falls further behind: closed (the browser reconnects with Last-Event-ID and replays).
            slow.send(event(LiveStream.MAX_QUEUED));
            slow.send(event(LiveStream.MAX_QUEUED + 1));
            assertTrue(stalledLeft.get(), "left the hub");
            assertTrue(stalled.closed.get(), "its connection is closed");
            fast.send(event(999));
            await().atMost(Duration.ofSeconds(10)).until(() -> healthy.text().contains("\"n\":999"));
            stalled.unblock.countDown();
        } finally {
            senders.shutdownNow();
        }
    }

    @Test
    void catch_up_goes_before_what_arrived_while_it_was_being_read() {
        ExecutorService senders = Executors.newCachedThreadPool();
        try {
            FakeSink sink = new FakeSink(false);
            var stream = new LiveStream(sink, senders, () -> { });
            stream.hold();
            stream.send(event(2));
            stream.release(event(1));
            await().atMost(Duration.ofSeconds(10)).until(() -> sink.text().contains("\"n\":2"));
            assertTrue(sink.text().indexOf("\"n\":1") < sink.text().indexOf("\"n\":2"));
        } finally {
            senders.shutdownNow();
        }
    }
}
