package livesurvey.response;

import livesurvey.DatabaseRetry;
import livesurvey.survey.Question;
import livesurvey.validation.AnswerValue;
import livesurvey.validation.Validator;
import livesurvey.web.ApiException;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Every answer write goes through here. Answers are validated on the caller's thread, then
 * group-committed: a writer thread takes whatever is queued (up to a batch) and stores it in one
 * transaction — the answers, unique claims, the responses' last activity and the change feed. Each
 * caller gets its reply only after that commit, so an acknowledged answer is durable.
 *
 * <p>Writes are spread over the writer threads by response id, so one respondent's answers are
 * stored in the order they arrived. A batch that hits a transient error (deadlock, dropped
 * connection) is retried whole; one the database cannot take fails whole, at once (503); only an
 * error a single answer can cause splits the batch to find it.
 */
public final class AnswerWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AnswerWriter.class);
    static final int MAX_BATCH = 500;
    static final int QUEUE_CAPACITY = 20_000;
    /**
     * How long a writer waits for more answers before committing a small batch. Each commit has a
     * fixed cost (a transaction, the row locks, three statements, an fsync) whatever its size; under
     * load batches stayed at a handful of answers, so that fixed cost was most of the database's
     * CPU per answer. A millisecond is nothing to a person typing.
     */
    static final long LINGER_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    static final int LINGER_UNTIL = 64;

    private final Jdbi jdbi;
    private final Validator validator;
    private final Clock clock;
    private final DatabaseRetry retry;
    private final CommitListener afterCommit;
    private final List<BlockingQueue<PendingAnswer>> queues = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    // Offers hold the read lock, close() the write lock: nothing is queued once the writers may exit.
    private final ReadWriteLock closing = new ReentrantReadWriteLock();
    private volatile boolean running = true;

    /**
     * @param writers     writer threads (one per queue)
     * @param afterCommit told the id of each survey whose responses a committed batch changed
     */
    public AnswerWriter(Jdbi jdbi, Validator validator, Clock clock, DatabaseRetry retry, int writers,
                        CommitListener afterCommit) {
        this.jdbi = jdbi;
        this.validator = validator;
        this.clock = clock;
        this.retry = retry;
        this.afterCommit = afterCommit;
        for (int i = 0; i < writers; i++) {
            BlockingQueue<PendingAnswer> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY / writers);
            queues.add(queue);
            Thread thread = new Thread(() -> drain(queue), "answer-writer-" + i);
            thread.setDaemon(true);
            thread.start();
            threads.add(thread);
        }
    }

    /** Validates and stores one answer; returns once it is committed. */
    public AnswerResult write(long surveyId, long responseId, String tokenHash, Question question, AnswerValue value) {
        String problem = validator.check(question, responseId, value).orElse(null);
        PendingAnswer pending = new PendingAnswer(surveyId, responseId, tokenHash, question, value, problem,
                new CompletableFuture<>());
        try {
            enqueue(pending);
            return pending.reply().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw busy();
        } catch (TimeoutException e) {
            throw busy();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private void enqueue(PendingAnswer pending) throws InterruptedException {
        BlockingQueue<PendingAnswer> queue = queues.get((int) (pending.responseId() % queues.size()));
        closing.readLock().lock();
        try {
            if (!running || !queue.offer(pending, 2, TimeUnit.SECONDS)) {
                throw busy();
            }
        } finally {
            closing.readLock().unlock();
        }
    }

    private static ApiException busy() {
        return new ApiException(503, "The server is too busy to store answers right now; please retry.");
    }

    /** Answers waiting for a writer. */
    int queued() {
        return queues.stream().mapToInt(BlockingQueue::size).sum();
    }

    /** True while every writer thread runs (for /health). */
    public boolean alive() {
        return running && threads.stream().allMatch(Thread::isAlive);
    }

    private void drain(BlockingQueue<PendingAnswer> queue) {
        List<PendingAnswer> batch = new ArrayList<>(MAX_BATCH);
        while (running || !queue.isEmpty()) {
            try {
                PendingAnswer first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                linger(queue, batch);
                commit(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Throwable e) {
                // Anything, an Error too, fails this batch's callers, never the thread: it serves the next batch.
                LOG.error("Answer writer failed a batch", e);
                batch.forEach(p -> p.reply().completeExceptionally(e));
            } finally {
                batch.clear();
            }
        }
    }

    /** Lets a small batch grow for up to LINGER_NANOS while answers keep arriving. */
    private static void linger(BlockingQueue<PendingAnswer> queue, List<PendingAnswer> batch) throws InterruptedException {
        long deadline = System.nanoTime() + LINGER_NANOS;
        while (batch.size() < LINGER_UNTIL) {
            long left = deadline - System.nanoTime();
            PendingAnswer next = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : null;
            if (next == null) {
                return;
            }
            batch.add(next);
            queue.drainTo(batch, MAX_BATCH - batch.size());
        }
    }

    private void commit(List<PendingAnswer> batch) {
        AnswerBatch stored;
        try {
            stored = retry.call(() -> jdbi.inTransaction(handle -> AnswerBatch.store(handle, batch, clock.millis())));
        } catch (RuntimeException e) {
            if (batch.size() == 1 || DatabaseRetry.isUnavailable(e)) {
                // Down, or conflicting past the retries: every caller hears now (503), none waits for a split.
                batch.forEach(p -> p.reply().completeExceptionally(e));
                return;
            }
            // An error one answer can cause: halve the batch until it is found, storing the others.
            LOG.warn("Batch of {} answers failed ({}); splitting it", batch.size(), e.getMessage());
            int half = batch.size() / 2;
            commit(new ArrayList<>(batch.subList(0, half)));
            commit(new ArrayList<>(batch.subList(half, batch.size())));
            return;
        }
        try {
            stored.surveyIds().forEach(afterCommit::committed);
        } catch (RuntimeException e) {
            LOG.warn("After-commit listener failed", e);
        } finally {
            stored.reply();
        }
    }

    @Override
    public void close() {
        closing.writeLock().lock();
        try {
            running = false;
        } finally {
            closing.writeLock().unlock();
        }
        for (Thread thread : threads) {
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
