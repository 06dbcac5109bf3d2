package livesurvey.response;

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
import java.util.function.LongConsumer;

/**
 * Every answer write goes through here. Answers are validated on the caller's thread, then
 * group-committed: a writer thread takes whatever is queued (up to a batch) and stores it in one
 * transaction — the answers, unique claims, the responses' last activity and the change feed. Each
 * caller gets its reply only after that commit, so an acknowledged answer is durable.
 *
 * <p>Writes are spread over the writer threads by response id, so one respondent's answers are
 * stored in the order they arrived.
 */
public final class AnswerWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AnswerWriter.class);
    static final int MAX_BATCH = 500;
    static final int QUEUE_CAPACITY = 20_000;

    private final Jdbi jdbi;
    private final Validator validator;
    private final Clock clock;
    private final LongConsumer afterCommit;
    private final List<BlockingQueue<PendingAnswer>> queues = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;

    /**
     * @param writers     writer threads (one per queue)
     * @param afterCommit told the id of each survey whose responses a committed batch changed
     */
    public AnswerWriter(Jdbi jdbi, Validator validator, Clock clock, int writers, LongConsumer afterCommit) {
        this.jdbi = jdbi;
        this.validator = validator;
        this.clock = clock;
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
    public AnswerResult write(long surveyId, long responseId, Question question, AnswerValue value) {
        String problem = validator.check(question, responseId, value).orElse(null);
        PendingAnswer pending = new PendingAnswer(surveyId, responseId, question, value, problem,
                new CompletableFuture<>());
        BlockingQueue<PendingAnswer> queue = queues.get((int) (responseId % queues.size()));
        try {
            if (!running || !queue.offer(pending, 2, TimeUnit.SECONDS)) {
                throw busy();
            }
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

    private static ApiException busy() {
        return new ApiException(503, "The server is too busy to store answers right now; please retry.");
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
                commit(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.error("Answer writer failed a batch", e);
                batch.forEach(p -> p.reply().completeExceptionally(e));
            } finally {
                batch.clear();
            }
        }
    }

    private void commit(List<PendingAnswer> batch) {
        AnswerBatch stored;
        try {
            stored = jdbi.inTransaction(handle -> AnswerBatch.store(handle, batch, clock.millis()));
        } catch (RuntimeException e) {
            if (batch.size() == 1) {
                batch.get(0).reply().completeExceptionally(e);
                return;
            }
            // One bad answer (or a deadlock) must not fail the others: store them one by one.
            LOG.warn("Batch of {} answers failed ({}); retrying one by one", batch.size(), e.getMessage());
            for (PendingAnswer p : batch) {
                commit(List.of(p));
            }
            return;
        }
        try {
            stored.surveyIds().forEach(afterCommit::accept);
        } catch (RuntimeException e) {
            LOG.warn("After-commit hook failed", e);
        }
        stored.reply();
    }

    @Override
    public void close() {
        running = false;
        for (Thread thread : threads) {
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
