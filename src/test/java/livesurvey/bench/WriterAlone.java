package livesurvey.bench;

import livesurvey.Config;
import livesurvey.Database;
import livesurvey.DatabaseRetry;
import livesurvey.cache.CaffeineCache;
import livesurvey.response.AnswerWriter;
import livesurvey.response.RespondentTokens;
import livesurvey.response.ResponseDao;
import livesurvey.survey.Question;
import livesurvey.survey.Survey;
import livesurvey.survey.SurveyCatalog;
import livesurvey.survey.SurveyDao;
import livesurvey.validation.AnswerValue;
import livesurvey.validation.Validator;
import livesurvey.web.Json;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The write path without the web layer: the server's own AnswerWriter, in this JVM, against the
 * bench database, with as many callers as the HTTP ingest has connections. What the database (and
 * the writer) cost per answer here is the floor under the HTTP figures: it says what bounds them.
 */
final class WriterAlone {
    record Figures(double perSecond, double databaseMicros, double processMicros, long errors) {
    }

    private WriterAlone() {
    }

    static Figures measure(Target target, Optional<Long> databasePid, int callers, double seconds) throws Exception {
        Config config = Config.fromEnv(target.environment());
        try (Database database = Database.open(config)) {
            var jdbi = database.jdbi();
            Survey survey = new SurveyCatalog(jdbi.onDemand(SurveyDao.class), Json.MAPPER,
                    new CaffeineCache<>(10, Duration.ofMinutes(10))).find("default").orElseThrow();
            Question question = survey.questions().stream().filter(q -> q.kind() == Question.Kind.textarea)
                    .findFirst().orElseGet(() -> survey.questions().get(0));
            ResponseDao responses = jdbi.onDemand(ResponseDao.class);
            int respondents = callers * 2;
            long[] ids = new long[respondents];
            String[] hashes = new String[respondents];
            for (int r = 0; r < respondents; r++) {
                hashes[r] = RespondentTokens.hash(RespondentTokens.newToken());
                ids[r] = responses.start(survey.id(), hashes[r], System.currentTimeMillis());
            }
            int writers = config.databaseUrl().startsWith("jdbc:h2:") ? 1 : 2;
            try (AnswerWriter writer = new AnswerWriter(jdbi, new Validator(responses::claimHolder), Clock.systemUTC(),
                    DatabaseRetry.STANDARD, writers, surveyId -> { })) {
                run(writer, survey, question, ids, hashes, callers, 3, databasePid);
                return run(writer, survey, question, ids, hashes, callers, seconds, databasePid).figures();
            }
        }
    }

    /** A run's count and the CPU samples around it. */
    private record Run(long ok, long errors, double seconds, Proc.Window cpu, boolean hasDatabaseServer) {
        Figures figures() {
            return new Figures(ok / seconds, hasDatabaseServer ? cpu.databaseNanos() / 1000.0 / ok : Double.NaN,
                    cpu.serverNanos() / 1000.0 / ok, errors);
        }
    }

    private static Run run(AnswerWriter writer, Survey survey, Question question, long[] ids, String[] hashes,
                           int callers, double seconds, Optional<Long> database) throws Exception {
        long self = ProcessHandle.current().pid();
        AtomicLong ok = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        Proc.Window before = Proc.Window.sample(self, database);
        long began = System.nanoTime();
        long deadline = began + (long) (seconds * 1e9);
        List<Future<?>> done = new ArrayList<>();
        for (int c = 0; c < callers; c++) {
            int caller = c;
            done.add(pool.submit(() -> {
                for (int n = 0; System.nanoTime() < deadline; n++) {
                    int r = caller + (n % 2) * callers;
                    try {
                        writer.write(survey.id(), ids[r], hashes[r], question,
                                AnswerValue.ofText("respondent " + r + " keystroke " + n));
                        ok.incrementAndGet();
                    } catch (RuntimeException e) {
                        errors.incrementAndGet();
                    }
                }
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        double elapsed = (System.nanoTime() - began) / 1e9;
        Proc.Window cpu = Proc.Window.sample(self, database).minus(before);
        pool.shutdown();
        return new Run(ok.get(), errors.get(), elapsed, cpu, database.isPresent());
    }
}
