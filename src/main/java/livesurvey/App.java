package livesurvey;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.HandlerType;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import livesurvey.cache.CaffeineCache;
import livesurvey.live.ChangeDao;
import livesurvey.live.ChangeFollower;
import livesurvey.response.AnswerResult;
import livesurvey.response.AnswerWriter;
import livesurvey.response.RespondentHandler;
import livesurvey.response.RespondentService;
import livesurvey.response.RespondentState;
import livesurvey.response.ResponseDao;
import livesurvey.response.StepResult;
import livesurvey.survey.SurveyCatalog;
import livesurvey.survey.SurveyDao;
import livesurvey.survey.SurveyDefinition;
import livesurvey.survey.SurveyHandler;
import livesurvey.validation.Validator;
import livesurvey.web.Access;
import livesurvey.web.ApiRoute;
import livesurvey.web.ErrorMapping;
import livesurvey.web.Json;
import livesurvey.web.Pages;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/** Builds everything from the configuration and wires routes to handlers. */
public final class App implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(App.class);
    static final long MAX_BODY_BYTES = 64 * 1024;

    private final Config config;
    private final List<ApiRoute> routes;
    private final ChangeFollower follower;
    private final AnswerWriter writer;

    public App(Config config, Database database) {
        this.config = config;
        Jdbi jdbi = database.jdbi();
        Clock clock = Clock.systemUTC();
        var catalog = new SurveyCatalog(jdbi.onDemand(SurveyDao.class), Json.MAPPER,
                new CaffeineCache<>(1_000, Duration.ofSeconds(10)));
        var responses = jdbi.onDemand(ResponseDao.class);
        var validator = new Validator(responses::claimHolder);
        this.follower = new ChangeFollower(jdbi.onDemand(ChangeDao.class), clock, Duration.ofMillis(100),
                Duration.ofSeconds(10), Duration.ofMinutes(10));
        LongConsumer committed = surveyId -> follower.nudge();
        this.writer = new AnswerWriter(jdbi, validator, clock, config.isH2() ? 1 : 2, committed);
        var surveys = new SurveyHandler(catalog);
        var respondent = new RespondentHandler(surveys,
                new RespondentService(responses, writer, validator, clock, committed,
                        new CaffeineCache<>(100_000, Duration.ofMinutes(5))), config.production());
        follower.start();
        this.routes = routeTable(surveys, respondent);
    }

    /** The API: every route the server answers under /api, and what the API document says of it. */
    private static List<ApiRoute> routeTable(SurveyHandler surveys, RespondentHandler respondent) {
        String survey = "/api/surveys/{slug}";
        String me = survey + "/responses/me";
        return List.of(
                ApiRoute.of(HandlerType.GET, survey, surveys::definition, Access.PUBLIC,
                        "The survey definition: steps, questions, options and rules (ETag)").returns(SurveyDefinition.class),
                ApiRoute.of(HandlerType.POST, survey + "/responses", respondent::start, Access.RESPONDENT,
                        "Start a response, or resume this browser's; sets the respondent cookie").returns(RespondentState.class),
                ApiRoute.of(HandlerType.GET, me, respondent::state, Access.RESPONDENT,
                        "This browser's response: current step, answers, completed").returns(RespondentState.class),
                ApiRoute.of(HandlerType.PUT, me + "/answers/{key}", respondent::answer, Access.RESPONDENT,
                        "Store one answer, even when invalid, and say whether it is valid").returns(AnswerResult.class),
                ApiRoute.of(HandlerType.POST, me + "/steps/{n}", respondent::validateStep, Access.RESPONDENT,
                        "Validate step n: the next step, or 422 with an error per field").returns(StepResult.class),
                ApiRoute.of(HandlerType.POST, me + "/complete", respondent::complete, Access.RESPONDENT,
                        "Validate every answer and mark the response completed (idempotent)").returns(RespondentState.class),
                ApiRoute.of(HandlerType.DELETE, me, respondent::reset, Access.RESPONDENT,
                        "Reset & retry: forget this browser's identity; the stored response stays").status(204));
    }

    public List<ApiRoute> routes() {
        return routes;
    }

    /** The server, configured but not started: tests start exactly what production starts. */
    public Javalin javalin() {
        return javalin(cfg -> { });
    }

    /** The server with extra configuration on top (benchmarks add a no-op baseline route). */
    public Javalin javalin(Consumer<JavalinConfig> extra) {
        return Javalin.create(cfg -> {
            cfg.jsonMapper(new JavalinJackson(Json.MAPPER, false));
            cfg.http.maxRequestSize = MAX_BODY_BYTES;
            cfg.http.generateEtags = false;
            cfg.router.ignoreTrailingSlashes = true;
            cfg.jetty.port = config.port();
            cfg.staticFiles.enableWebjars();
            cfg.staticFiles.add(sf -> {
                sf.hostedPath = "/";
                sf.directory = "/public";
                sf.location = Location.CLASSPATH;
            });
            cfg.startup.showJavalinBanner = false;
            ErrorMapping.install(cfg);
            cfg.routes.get("/", Pages.page("index.html"));
            cfg.routes.get("/survey", Pages.page("survey.html"));
            cfg.routes.get("/survey/{slug}", Pages.page("survey.html"));
            for (ApiRoute route : routes) {
                cfg.routes.addHttpHandler(route.method(), route.path(), route.handler(), route.access());
            }
            extra.accept(cfg);
        });
    }

    @Override
    public void close() {
        writer.close();
        follower.close();
    }

    public static void main(String[] args) {
        try {
            Config config = Config.fromEnv(System.getenv());
            Database database = Database.open(config);
            App app = new App(config, database);
            Javalin server = app.javalin();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.stop();
                app.close();
                database.close();
            }, "shutdown"));
            server.start();
            LOG.info("LiveSurvey is serving on http://localhost:{}/", server.port());
        } catch (StartupException e) {
            System.err.println("LiveSurvey cannot start: " + e.getMessage());
            System.exit(1);
        }
    }
}
