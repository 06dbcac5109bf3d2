package livesurvey.webhook;

import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Delivers the outbox. Each instance runs one: a poller claims due deliveries (row claims, so each
 * is attempted by one instance at a time) and hands them to a few sender threads, so one slow
 * receiver does not hold up the others. A claim is a lease: if this instance dies mid-delivery, the
 * delivery becomes due again when the lease runs out.
 */
public final class Dispatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    static final int SENDERS = 4;
    private static final Duration POLL = Duration.ofSeconds(1);
    private static final Duration KEEP_LOG = Duration.ofDays(30);

    private final Jdbi jdbi;
    private final WebhookDao dao;
    private final Clock clock;
    private volatile boolean skipLocked;
    private final Duration lease;
    private final Sender sender;
    private final Outcomes outcomes;
    private final String instance = UUID.randomUUID().toString().substring(0, 8);
    private final AtomicLong claims = new AtomicLong();
    private final Semaphore free = new Semaphore(SENDERS);
    private final ExecutorService senders = Executors.newFixedThreadPool(SENDERS, r -> {
        Thread t = new Thread(r, "webhook-sender");
        t.setDaemon(true);
        return t;
    });
    private final Object wake = new Object();
    private final Thread poller = new Thread(this::poll, "webhook-poller");
    private volatile boolean running = true;
    private long lastPrune;

    /** @param skipLocked claim with FOR UPDATE SKIP LOCKED (MariaDB 10.6+, MySQL 8); otherwise a conditional UPDATE alone */
    public Dispatcher(Jdbi jdbi, WebhookSettings settings, Clock clock, boolean skipLocked) {
        this.jdbi = jdbi;
        this.dao = jdbi.onDemand(WebhookDao.class);
        this.clock = clock;
        this.skipLocked = skipLocked;
        this.lease = settings.timeout().multipliedBy(2).plusSeconds(30);
        this.sender = new Sender(settings, new AddressGuard(settings.allowPrivate()), clock);
        this.outcomes = new Outcomes(jdbi, settings, clock);
        poller.setDaemon(true);
    }

    public void start() {
        poller.start();
    }

    /** Something was queued on this instance: look at once instead of at the next poll. */
    public void nudge() {
        synchronized (wake) {
            wake.notifyAll();
        }
    }

    private void poll() {
        while (running) {
            try {
                int available = free.availablePermits();
                List<Claim> claimed = available == 0 ? List.of() : claim(available);
                for (Claim c : claimed) {
                    free.acquire();
                    senders.execute(() -> {
                        try {
                            outcomes.record(c, sender.attempt(dao, c.id()));
                        } catch (RuntimeException e) {
                            LOG.warn("Webhook delivery {} failed unexpectedly: {}", c.id(), e.toString());
                        } finally {
                            free.release();
                            nudge();
                        }
                    });
                }
                pruneHourly();
                if (claimed.isEmpty() || free.availablePermits() == 0) {
                    synchronized (wake) {
                        wake.wait(POLL.toMillis());
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // The database may be down: try again at the next poll.
                LOG.warn("Webhook poller: {}", e.toString());
                sleepQuietly();
            }
        }
    }

    /** A delivery this instance won, and the token that proves it. */
    record Claim(long id, String token) {
    }

    /** Claims up to {@code max} due deliveries for this instance. */
    List<Claim> claim(int max) {
        long now = clock.millis();
        long leaseEnd = now + lease.toMillis();
        String token = instance + "-" + claims.incrementAndGet();
        List<Long> won;
        if (skipLocked) {
            try {
                won = jdbi.inTransaction(h -> {
                    WebhookDao tx = h.attach(WebhookDao.class);
                    return tx.dueSkipLocked(now, max).stream().filter(id -> tx.claim(id, token, now, leaseEnd) == 1)
                            .toList();
                });
            } catch (org.jdbi.v3.core.statement.UnableToExecuteStatementException e) {
                if (!(e.getCause() instanceof java.sql.SQLSyntaxErrorException)) {
                    throw e;
                }
                // MariaDB before 10.6 has no SKIP LOCKED: the conditional UPDATE alone still claims correctly.
                LOG.info("The database has no SKIP LOCKED; webhook claims use a conditional UPDATE alone");
                skipLocked = false;
                return claim(max);
            }
        } else {
            won = dao.due(now, max).stream().filter(id -> dao.claim(id, token, now, leaseEnd) == 1).toList();
        }
        return won.stream().map(id -> new Claim(id, token)).toList();
    }

    private void pruneHourly() {
        long now = clock.millis();
        if (now - lastPrune > Duration.ofHours(1).toMillis()) {
            lastPrune = now;
            dao.prune(now - KEEP_LOG.toMillis());
        }
    }

    private void sleepQuietly() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops claiming, and lets deliveries in flight finish and record their outcome (bounded by the timeout). */
    @Override
    public void close() {
        running = false;
        nudge();
        try {
            poller.join(5_000);
            senders.shutdown();
            senders.awaitTermination(lease.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
