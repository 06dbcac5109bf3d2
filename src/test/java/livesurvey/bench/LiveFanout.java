package livesurvey.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Keystroke to dashboard: respondents type at a steady total rate while many dashboards watch the
 * event stream; for every keystroke and dashboard, the time from sending it to the dashboard
 * receiving it or a later keystroke of the same respondent (coalescing may skip the ones between).
 *
 * <p>The client must cost far less than the server, or it measures itself: on two shared cores, 100
 * JDK HttpClients parsing every event into a JSON tree cost more CPU per keystroke than the server
 * and delayed the very events they timed. So each dashboard here is one plain socket read by its own
 * thread, an event is stamped when its last byte arrives, and its bytes are only scanned for the
 * bench's keystroke values ("lf{typist}k{n}"); nothing is parsed. Each typist is one keep-alive
 * connection ({@link RawConnection}) that sends its keystrokes one after another, as the survey
 * page's outbox does (one request per question at a time), and every reply's status counts:
 * a keystroke the server did not acknowledge is reported as an error, never silently dropped.
 *
 * <p>"Missed" counts, per dashboard, acknowledged keystrokes that neither it nor a later keystroke
 * of the same respondent reached the dashboard once every reply is in and deliveries have had time
 * to settle ({@link #SETTLE}).
 */
final class LiveFanout {
    /** After the last reply: how long dashboards may take to show the last keystrokes before they count as missed. */
    static final Duration SETTLE = Duration.ofSeconds(5);

    record Figures(int dashboards, double keystrokesPerSecond, long deliveries, long missing, long errors,
                   Map<Integer, Long> statuses, long p50Millis, long p95Millis, long putP95Millis,
                   long afterReplyP95Millis, double serverMicrosPerKeystroke, double clientMicrosPerKeystroke) {
    }

    private LiveFanout() {
    }

    static Figures measure(ServerProcess server, int dashboards, int perSecond, Duration duration) throws Exception {
        AdminClient admin = new AdminClient(server.base());
        String key = admin.get("/api/surveys/default").at("/steps/1/questions/1/key").asText("about");
        int typists = Math.max(1, perSecond / 10);
        // Each run its own respondents, so keystroke numbers of an earlier run are never mistaken for this one's.
        String prefix = "lf" + Long.toString(System.nanoTime() % 1_000_000, 36) + "t";
        int capacity = (int) (perSecond / typists * (duration.toMillis() / 1000.0) * 2 + 16);
        AtomicLongArray[] sentAt = new AtomicLongArray[typists];
        // When each keystroke's reply arrived: what the dashboard adds after it is the live path alone.
        AtomicLongArray[] repliedAt = new AtomicLongArray[typists];
        for (int t = 0; t < typists; t++) {
            sentAt[t] = new AtomicLongArray(capacity);
            repliedAt[t] = new AtomicLongArray(capacity);
        }

        List<Dashboard> streams = new ArrayList<>();
        for (int i = 0; i < dashboards; i++) {
            streams.add(new Dashboard(URI.create(server.base()), admin.cookie(), prefix, sentAt, repliedAt));
        }
        for (Dashboard d : streams) {
            d.awaitFirstEvent(Duration.ofSeconds(30));
        }

        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String[] cookies = new String[typists];
        for (int t = 0; t < typists; t++) {
            HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(server.base()
                    + "/api/surveys/default/responses")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.discarding());
            cookies[t] = r.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        }

        Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
        long[] lastAcked = new long[typists];
        int[] typed = new int[typists];
        List<long[]> putMillis = new ArrayList<>();
        long periodNanos = 1_000_000_000L * typists / perSecond;
        long self = ProcessHandle.current().pid();
        long serverBefore = Proc.cpuNanos(server.pid());
        long clientBefore = Proc.cpuNanos(self);
        long began = System.nanoTime();
        long end = began + duration.toNanos();
        List<Thread> typing = new ArrayList<>();
        for (int t = 0; t < typists; t++) {
            int typist = t;
            long[] mine = new long[capacity];
            putMillis.add(mine);
            lastAcked[t] = -1;
            Thread thread = new Thread(() -> {
                String path = "/api/surveys/default/responses/me/answers/" + key;
                RawConnection connection = new RawConnection(server.base());
                // Spread over the period; then one keystroke per period, sent late (never skipped) after a slow reply.
                long due = began + periodNanos * typist / typists;
                for (int k = 0; k < capacity && due < end; k++, due += periodNanos) {
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        java.util.concurrent.locks.LockSupport.parkNanos(wait);
                    }
                    long at = System.nanoTime();
                    sentAt[typist].set(k, at);
                    int status;
                    try {
                        status = connection.exchange(RawConnection.put(path, cookies[typist],
                                "{\"value\":\"" + prefix + typist + "k" + k + "\"}"));
                    } catch (IOException e) {
                        status = -1;
                    }
                    long replied = System.nanoTime();
                    repliedAt[typist].set(k, replied);
                    mine[k] = (replied - at) / 1_000_000;
                    typed[typist] = k + 1;
                    statuses.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
                    if (status == 200) {
                        lastAcked[typist] = k;
                    }
                }
                connection.close();
            }, "typist-" + t);
            thread.setDaemon(true);
            thread.start();
            typing.add(thread);
        }
        for (Thread thread : typing) {
            thread.join();
        }
        long typedFor = System.nanoTime() - began;
        // Every reply is in: give the dashboards a bounded time to show each typist's last acknowledged keystroke.
        long settleBy = System.nanoTime() + SETTLE.toNanos();
        while (System.nanoTime() < settleBy && !streams.stream().allMatch(d -> d.showsAll(lastAcked))) {
            Thread.sleep(10);
        }
        long serverNanos = Proc.cpuNanos(server.pid()) - serverBefore;
        long clientNanos = Proc.cpuNanos(self) - clientBefore;
        streams.forEach(Dashboard::close);

        long keystrokes = 0;
        List<Long> puts = new ArrayList<>();
        for (int t = 0; t < typists; t++) {
            keystrokes += typed[t];
            for (int k = 0; k < typed[t]; k++) {
                puts.add(putMillis.get(t)[k]);
            }
        }
        List<Long> latencies = new ArrayList<>();
        List<Long> afterReply = new ArrayList<>();
        long missing = 0;
        for (Dashboard d : streams) {
            latencies.addAll(d.latencies());
            afterReply.addAll(d.afterReply());
            missing += d.missing(lastAcked);
        }
        latencies.sort(null);
        afterReply.sort(null);
        puts.sort(null);
        long errors = statuses.entrySet().stream().filter(e -> e.getKey() != 200)
                .mapToLong(e -> e.getValue().get()).sum();
        Map<Integer, Long> byStatus = new TreeMap<>();
        statuses.forEach((s, n) -> byStatus.put(s, n.get()));
        return new Figures(dashboards, keystrokes / (typedFor / 1e9), latencies.size(), missing, errors, byStatus,
                percentile(latencies, 0.50), percentile(latencies, 0.95), percentile(puts, 0.95),
                percentile(afterReply, 0.95),
                serverNanos / 1000.0 / Math.max(1, keystrokes), clientNanos / 1000.0 / Math.max(1, keystrokes));
    }

    private static long percentile(List<Long> sorted, double p) {
        return sorted.isEmpty() ? -1 : sorted.get((int) (sorted.size() * p));
    }

    /** One dashboard: an event stream on a socket of its own, read by a thread of its own. */
    private static final class Dashboard {
        private final Socket socket;
        private final byte[] prefix;
        private final AtomicLongArray[] sentAt;
        private final AtomicLongArray[] repliedAt;
        /** Per typist, the highest keystroke shown so far (-1: none); written by the reader, read by the bench. */
        private final AtomicLongArray shown;
        private final List<Long> latencies = new ArrayList<>();
        /** Reply to dashboard, per keystroke shown itself (negative when the event beat the reply). */
        private final List<Long> afterReply = new ArrayList<>();
        private final CountDownLatch firstEvent = new CountDownLatch(1);
        private final Thread reader;

        Dashboard(URI base, String cookie, String prefix, AtomicLongArray[] sentAt, AtomicLongArray[] repliedAt)
                throws IOException {
            this.socket = new Socket(base.getHost(), base.getPort());
            this.socket.setTcpNoDelay(true);
            this.prefix = ("\"" + prefix).getBytes(StandardCharsets.US_ASCII);
            this.sentAt = sentAt;
            this.repliedAt = repliedAt;
            this.shown = new AtomicLongArray(sentAt.length);
            for (int t = 0; t < sentAt.length; t++) {
                shown.set(t, -1);
            }
            OutputStream out = socket.getOutputStream();
            out.write(("GET /api/surveys/default/events HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
                    + "\r\nAccept: text/event-stream\r\nAccept-Encoding: gzip\r\nCookie: " + cookie + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            reader = new Thread(this::read, "dashboard-reader");
            reader.setDaemon(true);
            reader.start();
        }

        void awaitFirstEvent(Duration bound) throws InterruptedException {
            if (!firstEvent.await(bound.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("a dashboard got no event within " + bound);
            }
        }

        private void read() {
            try (InputStream in = new java.io.BufferedInputStream(socket.getInputStream(), 1 << 16)) {
                String head = headers(in);
                if (!head.startsWith("HTTP/1.1 200")) {
                    throw new IllegalStateException("event stream answered " + head.lines().findFirst().orElse(""));
                }
                String lower = head.toLowerCase(java.util.Locale.ROOT);
                InputStream body = new Body(in, lower.contains("transfer-encoding: chunked"));
                // A browser accepts gzip, so the bench does too: a compressing server must flush each event through.
                if (lower.contains("content-encoding: gzip")) {
                    body = new java.util.zip.GZIPInputStream(body, 1 << 16);
                }
                // Read in blocks: a byte at a time through the (synchronised) buffered stream cost the
                // bench three times the CPU per keystroke at 100 dashboards.
                byte[] block = new byte[1 << 16];
                byte[] event = new byte[1 << 16];
                int length = 0;
                int previous = -1;
                for (int n; (n = body.read(block, 0, block.length)) > 0; ) {
                    long now = System.nanoTime();
                    for (int i = 0; i < n; i++) {
                        byte b = block[i];
                        if (length == event.length) {
                            event = java.util.Arrays.copyOf(event, length * 2);
                        }
                        event[length++] = b;
                        if (b == '\n' && previous == '\n') {
                            // The blank line ends the event: it reached the dashboard with this block.
                            scan(event, length, now);
                            length = 0;
                            firstEvent.countDown();
                        }
                        previous = b;
                    }
                }
            } catch (IOException | RuntimeException closed) {
                // closed by the bench at the end, or the server went away: what was shown so far counts
            }
        }

        /** Finds "lf…t{typist}k{n}" values; a keystroke shown counts for it and every earlier one not shown yet. */
        private void scan(byte[] event, int length, long now) {
            outer:
            for (int i = 0; i + prefix.length < length; i++) {
                for (int j = 0; j < prefix.length; j++) {
                    if (event[i + j] != prefix[j]) {
                        continue outer;
                    }
                }
                int p = i + prefix.length;
                int typist = 0;
                while (p < length && event[p] >= '0' && event[p] <= '9') {
                    typist = typist * 10 + (event[p++] - '0');
                }
                if (p >= length || event[p++] != 'k') {
                    continue;
                }
                int k = 0;
                while (p < length && event[p] >= '0' && event[p] <= '9') {
                    k = k * 10 + (event[p++] - '0');
                }
                if (p >= length || event[p] != '"' || typist >= sentAt.length) {
                    continue;
                }
                long from = shown.get(typist) + 1;
                for (long n = from; n <= k; n++) {
                    long sent = sentAt[typist].get((int) n);
                    if (sent != 0) {
                        latencies.add((now - sent) / 1_000_000);
                    }
                }
                if (k >= from) {
                    shown.set(typist, k);
                    long replied = repliedAt[typist].get(k);
                    if (replied != 0) {
                        afterReply.add((now - replied) / 1_000_000);
                    }
                }
                i = p;
            }
        }

        boolean showsAll(long[] lastAcked) {
            for (int t = 0; t < lastAcked.length; t++) {
                if (shown.get(t) < lastAcked[t]) {
                    return false;
                }
            }
            return true;
        }

        /** Acknowledged keystrokes after the last one this dashboard showed, per typist. */
        long missing(long[] lastAcked) {
            long missing = 0;
            for (int t = 0; t < lastAcked.length; t++) {
                missing += Math.max(0, lastAcked[t] - shown.get(t));
            }
            return missing;
        }

        /** Call after {@link #close()}: the reader has stopped adding. */
        List<Long> latencies() {
            return latencies;
        }

        List<Long> afterReply() {
            return afterReply;
        }

        void close() {
            try {
                socket.close();
                reader.join(1_000);
            } catch (IOException | InterruptedException e) {
                // closing anyway
            }
        }

        private static String headers(InputStream in) throws IOException {
            StringBuilder head = new StringBuilder();
            int b;
            while ((b = in.read()) >= 0) {
                head.append((char) b);
                if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
                    return head.toString();
                }
            }
            throw new IOException("the event stream closed before its headers ended");
        }
    }

    /** The response body, de-chunked when it is sent chunked. */
    private static final class Body extends InputStream {
        private final InputStream in;
        private final boolean chunked;
        private long left;

        Body(InputStream in, boolean chunked) {
            this.in = in;
            this.chunked = chunked;
            this.left = chunked ? 0 : Long.MAX_VALUE;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        /** Reads what is there (at least a byte, blocking until then); -1 at the end. */
        @Override
        public int read(byte[] block, int offset, int length) throws IOException {
            if (chunked && left == 0) {
                String size = line();
                if (size.isEmpty()) {
                    size = line(); // the CRLF that ends the previous chunk's data
                }
                left = Long.parseLong(size.split(";")[0].trim(), 16);
                if (left == 0) {
                    return -1;
                }
            }
            int n = in.read(block, offset, (int) Math.min(length, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }

        private String line() throws IOException {
            StringBuilder s = new StringBuilder();
            int b;
            while ((b = in.read()) >= 0 && b != '\n') {
                if (b != '\r') {
                    s.append((char) b);
                }
            }
            if (b < 0) {
                throw new IOException("the event stream ended");
            }
            return s.toString();
        }
    }
}
