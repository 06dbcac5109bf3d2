package livesurvey;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.HandlerType;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import livesurvey.admin.AdminAuth;
import livesurvey.admin.AdminHandler;
import livesurvey.admin.LoginBody;
import livesurvey.cache.CaffeineCache;
import livesurvey.dashboard.AdminResponsesHandler;
import livesurvey.dashboard.Deletion;
import livesurvey.dashboard.Exporter;
import livesurvey.dashboard.Page;
import livesurvey.dashboard.ResponseList;
import livesurvey.dashboard.Row;
import livesurvey.dashboard.RowBuilder;
import livesurvey.dashboard.Summariser;
import livesurvey.dashboard.Summary;
import livesurvey.dashboard.SummaryDao;
import livesurvey.live.ChangeDao;
import livesurvey.live.ChangeFollower;
import livesurvey.live.EventsHandler;
import livesurvey.live.LiveHub;
import livesurvey.live.LiveViews;
import livesurvey.response.AnswerBody;
import livesurvey.response.AnswerResult;
import livesurvey.response.AnswerWriter;
import livesurvey.response.RespondentHandler;
import livesurvey.response.RespondentService;
import livesurvey.response.RespondentState;
import livesurvey.response.ResponseDao;
import livesurvey.response.StepResult;
import livesurvey.survey.Survey;
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
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/** Builds everything from the configuration and wires routes to handlers. */
public final class App implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(App.class);

    private final Config config;
    private final List<ApiRoute> routes;
    private final Ops ops;
    private final ChangeFollower follower;
    private final AnswerWriter writer;
    private final AdminHandler admin;
    private final Summariser summariser;
    private final RowBuilder rows;
    private final LiveHub hub;

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
        this.summariser = new Summariser(jdbi.onDemand(SummaryDao.class),
                new CaffeineCache<>(1_000, Duration.ofSeconds(30)));
        // After every commit on this instance, before its reply: no stale summary, and the feed wakes up.
        LongConsumer committed = surveyId -> {
            summariser.invalidate(surveyId);
            follower.nudge();
        };
        this.writer = new AnswerWriter(jdbi, validator, clock, config.isH2() ? 1 : 2, committed);
        var surveys = new SurveyHandler(catalog);
        var respondent = new RespondentHandler(surveys,
                new RespondentService(responses, writer, validator, clock, committed,
                        new CaffeineCache<>(100_000, Duration.ofMinutes(5))), config.production());
        var adminAuth = new AdminAuth(jdbi, clock);
        this.admin = new AdminHandler(adminAuth, config.production());
        this.rows = new RowBuilder(responses);
        var dashboard = new AdminResponsesHandler(surveys, new ResponseList(jdbi, rows, summariser, !config.isH2()), rows,
                new Deletion(responses, clock, committed), summariser, new Exporter(jdbi, !config.isH2()));
        // Changes from other instances reach this one through the shared feed.
        follower.addListener((changes, position) -> changes.forEach(c -> summariser.invalidate(c.surveyId())));
        this.hub = new LiveHub(jdbi.onDemand(ChangeDao.class), follower, new LiveViews() {
            @Override
            public Map<Long, ?> rows(Survey survey, Collection<Long> ids) {
                return rows.rowsById(survey, ids);
            }

            @Override
            public Object summary(Survey survey) {
                return summariser.summary(survey);
            }
        }, Json.MAPPER);
        var events = new EventsHandler(surveys, hub);
        follower.start();
        this.routes = routeTable(surveys, respondent, admin, dashboard, events);
        this.ops = new Ops(config, database, routes);
        ops.metrics().liveConnections(hub::connections);
        announceFirstAdmin(adminAuth.createFirstAdmin(config.adminPassword()));
    }

    /** The API: every route the server answers under /api, and what the API document says of it. */
    private static List<ApiRoute> routeTable(SurveyHandler surveys, RespondentHandler respondent, AdminHandler admin,
                                             AdminResponsesHandler dashboard, EventsHandler events) {
        String survey = "/api/surveys/{slug}";
        String me = survey + "/responses/me";
        String one = survey + "/responses/{id}";
        // The respondent's /responses/me routes come before the admin's /responses/{id}: first match wins.
        return List.of(
                ApiRoute.of(HandlerType.GET, survey, surveys::definition, Access.PUBLIC,
                        "The survey definition: steps, questions, options and rules (ETag)").returns(SurveyDefinition.class),
                ApiRoute.of(HandlerType.POST, survey + "/responses", respondent::start, Access.RESPONDENT,
                        "Start a response, or resume this browser's; sets the respondent cookie").returns(RespondentState.class)
                        .limitedBy(ApiRoute.RateLimit.START),
                ApiRoute.of(HandlerType.GET, me, respondent::state, Access.RESPONDENT,
                        "This browser's response: current step, answers, completed").returns(RespondentState.class),
                ApiRoute.of(HandlerType.PUT, me + "/answers/{key}", respondent::answer, Access.RESPONDENT,
                        "Store one answer, even when invalid, and say whether it is valid").returns(AnswerResult.class)
                        .accepts(AnswerBody.class).errors(409).limitedBy(ApiRoute.RateLimit.ANSWER),
                ApiRoute.of(HandlerType.POST, me + "/steps/{n}", respondent::validateStep, Access.RESPONDENT,
                        "Validate step n: the next step, or 422 with an error per field").returns(StepResult.class)
                        .errors(409, 422),
                ApiRoute.of(HandlerType.POST, me + "/complete", respondent::complete, Access.RESPONDENT,
                        "Validate every answer and mark the response completed (idempotent)").returns(RespondentState.class)
                        .errors(422),
                ApiRoute.of(HandlerType.DELETE, me, respondent::reset, Access.RESPONDENT,
                        "Reset & retry: forget this browser's identity; the stored response stays").status(204),
                ApiRoute.of(HandlerType.POST, "/api/login", admin::login, Access.PUBLIC,
                        "Log in as an admin: sets the ls_admin session cookie").returns(AdminHandler.LoggedIn.class)
                        .accepts(LoginBody.class).errors(401).limitedBy(ApiRoute.RateLimit.LOGIN),
                ApiRoute.of(HandlerType.POST, "/api/logout", admin::logout, Access.PUBLIC,
                        "Log out: deletes the session and clears the cookie").status(204),
                ApiRoute.of(HandlerType.GET, survey + "/responses", dashboard::list, Access.ADMIN,
                        "A page of responses: sort, dir, limit, cursor, filter=key:value; with the total")
                        .returns(Page.class).query("sort", "string", "started (default), updated, completed or a question key")
                        .query("dir", "string", "desc (default) or asc").query("limit", "integer", "1 to 200, default 25")
                        .query("cursor", "string", "nextCursor or prevCursor of a previous page")
                        .query("filter", "string", "key:value on a choice question, e.g. gender:female"),
                ApiRoute.of(HandlerType.GET, one, dashboard::one, Access.ADMIN, "One response").returns(Row.class),
                ApiRoute.of(HandlerType.DELETE, one, dashboard::delete, Access.ADMIN,
                        "Delete a response with its answers").status(204),
                ApiRoute.of(HandlerType.GET, survey + "/summary", dashboard::summary, Access.ADMIN,
                        "Count, completed, average age, gender ratio, top 3 colours, last updated")
                        .returns(Summary.class),
                ApiRoute.of(HandlerType.GET, survey + "/export.csv", dashboard::exportCsv, Access.ADMIN,
                        "Every response as CSV, streamed").produces("text/csv"),
                ApiRoute.of(HandlerType.GET, survey + "/export.json", dashboard::exportJson, Access.ADMIN,
                        "Every response as a JSON array of rows, streamed").returns(Row[].class),
                ApiRoute.of(HandlerType.GET, survey + "/events", events, Access.ADMIN,
                        "Live changes as Server-Sent Events: response (a Row), deleted ({id}), summary; "
                                + "resumes after Last-Event-ID").produces("text/event-stream"));
    }

    /** The first start tells the operator, once, which password the new admin account has. */
    private static void announceFirstAdmin(AdminAuth.FirstAdmin first) {
        if (first.generatedPassword() != null) {
            System.out.println("LiveSurvey: created admin account '" + AdminAuth.FIRST_ADMIN + "' with password "
                    + first.generatedPassword() + " (shown only this once; set LIVESURVEY_ADMIN_PASSWORD to choose it)");
        } else if (first.created()) {
            LOG.info("Created admin account '{}' with the password from LIVESURVEY_ADMIN_PASSWORD", AdminAuth.FIRST_ADMIN);
        }
    }

    /** Forgets a survey's cached summary: for the live feed, when another instance reports a change. */
    public Summariser summariser() {
        return summariser;
    }

    /** Builds the Row of one response, as the admin API shows it: for the live feed's events. */
    public RowBuilder rows() {
        return rows;
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
            cfg.http.maxRequestSize = livesurvey.web.BodyLimit.MAX_BYTES;
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
            cfg.events.serverStopping(hub::disconnectAll);
            ErrorMapping.install(cfg);
            ops.install(cfg);
            cfg.routes.beforeMatched(admin::gate);
            cfg.routes.get("/", Pages.page("index.html"));
            cfg.routes.get("/login", Pages.page("login.html"));
            cfg.routes.addHttpHandler(HandlerType.GET, "/dashboard", Pages.page("dashboard.html"), Access.ADMIN);
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
        hub.close();
    }

    public static void main(String[] args) {
        if (args.length > 0) {
            System.exit(Commands.run(args, System.getenv(), System.out, System.err));
        }
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
