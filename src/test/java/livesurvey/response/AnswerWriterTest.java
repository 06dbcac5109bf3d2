package livesurvey.response;

import livesurvey.DatabaseRetry;
import livesurvey.DatabaseTest;
import livesurvey.cache.CaffeineCache;
import livesurvey.survey.Question;
import livesurvey.survey.Survey;
import livesurvey.survey.SurveyCatalog;
import livesurvey.survey.SurveyDao;
import livesurvey.validation.AnswerValue;
import livesurvey.validation.Validator;
import livesurvey.web.Json;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The group-committing writer, driven directly: batches, splits, outages, failures and shutdown. */
class AnswerWriterTest extends DatabaseTest {
    private static final DatabaseRetry QUICK =
            new DatabaseRetry(6, Duration.ofMillis(5), Duration.ofMillis(50), Duration.ofSeconds(5));
    private final ExecutorService callers = Executors.newFixedThreadPool(110);

    private Survey survey() {
        Jdbi jdbi = db.database().jdbi();
        return new SurveyCatalog(jdbi.onDemand(SurveyDao.class), Json.MAPPER, new CaffeineCache<>(10, Duration.ofMinutes(1)))
                .find("default").orElseThrow();
    }

    private record Started(long id, String tokenHash) {
    }

    private Started start(long surveyId) {
        String hash = RespondentTokens.hash(RespondentTokens.newToken());
        return new Started(db.database().jdbi().onDemand(ResponseDao.class).start(surveyId, hash, 0), hash);
    }

    private Validator validator() {
        return new Validator(db.database().jdbi().onDemand(ResponseDao.class)::claimHolder);
    }

    private CompletableFuture<AnswerResult> write(AnswerWriter writer, long surveyId, Started r, Question q, String v) {
        return CompletableFuture.supplyAsync(() -> writer.write(surveyId, r.id(), r.tokenHash(), q, AnswerValue.ofText(v)),
                callers);
    }

    @Test
    void a_batch_with_one_answer_the_database_refuses_stores_all_the_others() throws Exception {
        Survey survey = survey();
        Question about = survey.question("about").orElseThrow();
        // A question the database does not have: its answer breaks the foreign key, whatever the batch.
        Question ghost = new Question(999_999, "ghost", "Ghost", "", Question.Kind.text, 1, 1, false, false, null, 100,
                List.of());
        CountDownLatch firstCommitHeld = new CountDownLatch(1);
        CountDownLatch holding = new CountDownLatch(1);
        AtomicBoolean first = new AtomicBoolean(true);
        CommitListener holdFirst = surveyId -> {
            if (first.getAndSet(false)) {
                holding.countDown();
                await().atMost(Duration.ofSeconds(10)).until(() -> firstCommitHeld.getCount() == 0);
            }
        };
        try (var writer = new AnswerWriter(db.database().jdbi(), validator(), Clock.systemUTC(), QUICK, 1, holdFirst)) {
            Started opener = start(survey.id());
            var opening = write(writer, survey.id(), opener, about, "first");
            // Once the writer is held after its first commit (not while it lingers for more answers
            // to join that one), ten answers queue up: one batch.
            assertTrue(holding.await(10, TimeUnit.SECONDS), "the first commit reached the listener");
            List<Started> respondents = new ArrayList<>();
            List<CompletableFuture<AnswerResult>> replies = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                Started r = start(survey.id());
                respondents.add(r);
                replies.add(write(writer, survey.id(), r, i == 6 ? ghost : about, "answer " + i));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> writer.queued() == 10);
            firstCommitHeld.countDown();
            assertTrue(opening.get(10, TimeUnit.SECONDS).valid());
            for (int i = 0; i < 10; i++) {
                int n = i;
                if (i == 6) {
                    var failed = replies.get(i).handle((ok, e) -> e);
                    assertTrue(failed.get(10, TimeUnit.SECONDS) != null, "the bad answer fails");
                } else {
                    assertTrue(replies.get(i).get(10, TimeUnit.SECONDS).valid(), "answer " + n);
                }
            }
            for (int i = 0; i < 10; i++) {
                long stored = countAnswers(respondents.get(i).id());
                assertEquals(i == 6 ? 0 : 1, stored, "respondent " + i);
            }
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void an_error_thrown_after_a_commit_leaves_the_writer_running() throws Exception {
        Survey survey = survey();
        Question about = survey.question("about").orElseThrow();
        AtomicBoolean first = new AtomicBoolean(true);
        CommitListener failsOnce = surveyId -> {
            if (first.getAndSet(false)) {
                throw new StackOverflowError("simulated");
            }
        };
        try (var writer = new AnswerWriter(db.database().jdbi(), validator(), Clock.systemUTC(), QUICK, 1, failsOnce)) {
            Started r = start(survey.id());
            write(writer, survey.id(), r, about, "one").handle((ok, e) -> null).get(10, TimeUnit.SECONDS);
            assertTrue(writer.alive(), "the writer thread survived the error");
            assertTrue(write(writer, survey.id(), r, about, "two").get(10, TimeUnit.SECONDS).valid());
            assertEquals(1, countAnswers(r.id()));
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void while_the_database_is_unreachable_a_batch_fails_whole_and_soon() throws Exception {
        Survey survey = survey();
        Question about = survey.question("about").orElseThrow();
        List<Started> respondents = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            respondents.add(start(survey.id()));
        }
        var down = new Unreachable();
        Jdbi unreachable = Jdbi.create(down).installPlugin(new SqlObjectPlugin());
        try (var writer = new AnswerWriter(unreachable, validator(), Clock.systemUTC(), QUICK, 1, id -> { })) {
            List<CompletableFuture<Throwable>> replies = new ArrayList<>();
            for (Started r : respondents) {
                replies.add(write(writer, survey.id(), r, about, "lost?").handle((ok, e) -> e));
            }
            for (var reply : replies) {
                Throwable e = reply.get(20, TimeUnit.SECONDS);
                assertTrue(e != null && DatabaseRetry.isUnavailable(e), "503, not an answer: " + e);
            }
            // Retried as whole batches (at most 6 tries each), never answer by answer (100 and more).
            assertTrue(down.attempts.get() <= 6 * 8, "connection attempts: " + down.attempts.get());
            assertTrue(writer.alive());
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void closing_while_answers_arrive_leaves_no_caller_waiting() throws Exception {
        Survey survey = survey();
        Question about = survey.question("about").orElseThrow();
        Started r = start(survey.id());
        var writer = new AnswerWriter(db.database().jdbi(), validator(), Clock.systemUTC(), QUICK, 2, id -> { });
        List<CompletableFuture<Object>> replies = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            replies.add(write(writer, survey.id(), r, about, "n" + i).handle((ok, e) -> ok != null ? ok : e.getCause()));
            if (i == 100) {
                writer.close();
            }
        }
        try {
            for (var reply : replies) {
                Object outcome = reply.get(20, TimeUnit.SECONDS);
                assertTrue(outcome instanceof AnswerResult || outcome instanceof livesurvey.web.ApiException e
                        && e.status() == 503, "stored, or told to retry: " + outcome);
            }
        } finally {
            callers.shutdownNow();
        }
    }

    private long countAnswers(long responseId) {
        return db.database().jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM answers WHERE response_id = :r")
                .bind("r", responseId).mapTo(Long.class).one());
    }

    /** A database that refuses every connection, as a stopped server does (SQLSTATE 08001). */
    private static final class Unreachable implements DataSource {
        final AtomicInteger attempts = new AtomicInteger();

        @Override
        public Connection getConnection() throws SQLException {
            attempts.incrementAndGet();
            throw new SQLException("Connection refused", "08001");
        }

        @Override
        public Connection getConnection(String user, String password) throws SQLException {
            return getConnection();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() {
            return Logger.getGlobal();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return false;
        }
    }
}
