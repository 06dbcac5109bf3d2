package livesurvey;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.HandlerType;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import livesurvey.admin.AdminAuth;
import livesurvey.admin.AdminHandler;
import livesurvey.cache.CaffeineCache;
import livesurvey.dashboard.AdminResponsesHandler;
import livesurvey.dashboard.Deletion;
import livesurvey.dashboard.Exporter;
import livesurvey.dashboard.ResponseList;
import livesurvey.dashboard.RowBuilder;
import livesurvey.dashboard.Summariser;
import livesurvey.dashboard.SummaryDao;
import livesurvey.live.Change;
import livesurvey.live.ChangeDao;
import livesurvey.live.ChangeFollower;
import livesurvey.live.ChangeSync;
import livesurvey.live.EventsHandler;
import livesurvey.live.SyncHandler;
import livesurvey.live.FeedRetention;
import livesurvey.jobs.JobLease;
import livesurvey.jobs.LeasedSchedule;
import livesurvey.live.LiveHub;
import livesurvey.live.LiveViews;
import livesurvey.privacy.PrivacyHandler;
import livesurvey.privacy.RespondentData;
import livesurvey.jobs.LeasedSchedule;
import livesurvey.retention.Retention;
import livesurvey.retention.RetentionHandler;
import livesurvey.response.AnswerWriter;
import livesurvey.response.CommitListener;
import livesurvey.response.RespondentHandler;
import livesurvey.response.RespondentService;
import livesurvey.response.ResponseDao;
import livesurvey.survey.Survey;
import livesurvey.survey.SurveyCatalog;
import livesurvey.survey.SurveyDao;
import livesurvey.survey.SurveyAdminHandler;
import livesurvey.survey.SurveyEditor;
import livesurvey.survey.SurveyHandler;
import livesurvey.survey.SurveyList;
import livesurvey.validation.Validator;
import livesurvey.web.Access;
import livesurvey.web.ApiRoute;
import livesurvey.web.ErrorMapping;
import livesurvey.web.Json;
import livesurvey.web.Pages;
import livesurvey.trends.Trends;
import livesurvey.trends.TrendsHandler;
import livesurvey.webhook.Dispatcher;
import livesurvey.webhook.WebhookHandler;
import livesurvey.webhook.Webhooks;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Builds everything from the configuration and wires routes to handlers. */
public final class App implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(App.class);

    private final Config config;
    private final List<ApiRoute> routes;
    private final Ops ops;
    private final ChangeFollower follower;
    private final AnswerWriter writer;
    private final AdminHandler admin;
    private final LiveHub hub;
    private final Dispatcher webhookDispatcher;
    private final LeasedSchedule retentionJob;
    private final LeasedSchedule feedPrune;
    /** The most answers AnswerWriter stores in one transaction (its MAX_BATCH), each with at most one feed row. */
    private static final int WRITER_BATCH = 500;

    public App(Config config, Database database) {
        this(config, database, Clock.systemUTC());
    }

    /** With a clock of the caller's: tests move time on (retention) without waiting for it. */
    public App(Config config, Database database, Clock clock) {
        this.config = config;
        Jdbi jdbi = database.jdbi();
        var catalog = new SurveyCatalog(jdbi.onDemand(SurveyDao.class), Json.MAPPER,
                new CaffeineCache<>(1_000, Duration.ofSeconds(10)));
        var responses = jdbi.onDemand(ResponseDao.class);
        var validator = new Validator(responses::claimHolder);
        int writers = config.isH2() ? 1 : 2;
        // Feed ids one instance can have uncommitted at once: a full batch per writer, one per other connection.
        int inFlight = writers * WRITER_BATCH + database.dataSource().getMaximumPoolSize();
        this.follower = new ChangeFollower(database, clock, Duration.ofMillis(100),
                Duration.ofSeconds(10), inFlight);
        this.feedPrune = FeedRetention.schedule(new JobLease(jdbi, clock), jdbi.onDemand(ChangeDao.class), clock,
                config.feedRetention());
        // Dashboard reads (pages, exports, summaries) from the replica when one is configured and current.
        Jdbi reads = database.readJdbi(follower::position);
        var trends = new Trends(reads, clock);
        var summariser = new Summariser(reads.onDemand(SummaryDao.class),
                new CaffeineCache<>(1_000, Duration.ofSeconds(30)), trends);
        this.webhookDispatcher = new Dispatcher(jdbi, config.webhooks(), clock, !config.isH2());
        // After every commit on this instance, before its reply: the summary cache is dropped first,
        // then the feed is woken, so what it delivers to dashboards is read afresh. (Not the webhook
        // dispatcher: it polls each second; waking it per answer batch would cost a query each.)
        CommitListener committed = CommitListener.inOrder(summariser::invalidate, surveyId -> follower.nudge());
        this.writer = new AnswerWriter(jdbi, validator, clock, DatabaseRetry.STANDARD, writers, committed);
        var surveys = new SurveyHandler(catalog);
        var service = new RespondentService(responses, writer, validator, clock, DatabaseRetry.STANDARD, committed,
                new CaffeineCache<>(100_000, Duration.ofMinutes(5)));
        var respondent = new RespondentHandler(surveys, service, config.production());
        var adminAuth = new AdminAuth(jdbi, clock);
        this.admin = new AdminHandler(adminAuth, config.production());
        var rows = new RowBuilder(responses);
        var deletion = new Deletion(responses, clock, DatabaseRetry.STANDARD, committed);
        var dashboard = new AdminResponsesHandler(surveys, new ResponseList(reads, summariser,
                !config.isH2()), rows,
                deletion, summariser, new Exporter(reads, !config.isH2()));
        var privacy = new PrivacyHandler(surveys, new RespondentData(jdbi, rows, deletion, clock));
        var retention = new Retention(jdbi, catalog, deletion, clock, config.retentionDays());
        this.retentionJob = retention.schedule(jdbi);
        // Changes from other instances reach this one through the shared feed: drop what they make
        // stale (registered before the hub, so the hub's summaries are read afresh).
        follower.addListener((changes, position) -> changes.forEach(c -> {
            summariser.invalidate(c.surveyId());
            if (c.kind().equals(Change.FORGOT)) {
                service.forgotten(c.responseId());
            }
        }));
        LiveViews views = liveViews(rows, summariser);
        this.hub = new LiveHub(jdbi.onDemand(ChangeDao.class), follower, views, Json.MAPPER);
        var events = new EventsHandler(surveys, hub);
        var sync = new SyncHandler(surveys, new ChangeSync(jdbi.onDemand(ChangeDao.class), follower, views));
        follower.start();
        retentionJob.start();
        feedPrune.start();
        var surveyAdmin = new SurveyAdminHandler(surveys,
                new SurveyEditor(jdbi, catalog, Json.MAPPER, clock, summariser::invalidate), new SurveyList(jdbi));
        var webhooks = new WebhookHandler(surveys, new Webhooks(jdbi, config.webhooks(), clock, webhookDispatcher::nudge));
        webhookDispatcher.start();
        this.routes = java.util.stream.Stream.concat(
                ApiRoutes.table(surveys, surveyAdmin, respondent, admin, dashboard, events, sync, privacy,
                        new RetentionHandler(surveys, retention)).stream(),
                ApiRoutes.insights(webhooks, new TrendsHandler(surveys, trends)).stream()).toList();
        this.ops = new Ops(config, database, routes);
        ops.health().require("writers", writer::alive);
        ops.metrics().liveConnections(hub::connections);
        announceFirstAdmin(adminAuth.createFirstAdmin(config.adminPassword()));
    }

    /** The dashboard's views of a survey, for the live stream's events. */
    private static LiveViews liveViews(RowBuilder rows, Summariser summariser) {
        return new LiveViews() {
            @Override
            public Map<Long, ?> rows(Survey survey, Collection<Long> ids) {
                return rows.rowsById(survey, ids);
            }

            @Override
            public Object summary(Survey survey) {
                return summariser.summary(survey);
            }
        };
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

    /** The hourly retention job (one instance at a time); tests run it on demand. */
    public LeasedSchedule retentionJob() {
        return retentionJob;
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
                // Under a prefix: Javalin resolves a GET against every static location, and a
                // look-up in the jar for each API request cost two thirds of its throughput.
                sf.hostedPath = "/static";
                // The pages are served at their own paths, with the admin gate on /dashboard.
                sf.skipFileFunction = request -> request.getRequestURI().endsWith(".html");
                sf.directory = "/public";
                sf.location = Location.CLASSPATH;
            });
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.events.serverStopping(hub::disconnectAll);
            ErrorMapping.install(cfg);
            ops.install(cfg);
            cfg.routes.beforeMatched(admin::gate);
            cfg.routes.get("/", Pages.page("index.html"));
            cfg.routes.get("/login", Pages.page("login.html"));
            cfg.routes.addHttpHandler(HandlerType.GET, "/dashboard", Pages.page("dashboard.html"), Access.ADMIN);
            cfg.routes.addHttpHandler(HandlerType.GET, "/dashboard/{slug}", Pages.page("dashboard.html"), Access.ADMIN);
            cfg.routes.addHttpHandler(HandlerType.GET, "/surveys", Pages.page("surveys.html"), Access.ADMIN);
            cfg.routes.addHttpHandler(HandlerType.GET, "/surveys/new", Pages.page("builder.html"), Access.ADMIN);
            cfg.routes.addHttpHandler(HandlerType.GET, "/surveys/{slug}/edit", Pages.page("builder.html"), Access.ADMIN);
            cfg.routes.get("/survey", Pages.page("survey.html"));
            cfg.routes.get("/survey/{slug}", Pages.page("survey.html"));
            for (ApiRoute route : routes) {
                cfg.routes.addHttpHandler(route.method(), route.path(), route.handler(), route.access());
            }
            extra.accept(cfg);
        });
    }

    /**
     * The first half of a graceful shutdown: refuse new writes (503), wait for the load balancer to
     * notice /health saying "draining", send every event stream a reconnect hint, and wait for the
     * writes in progress to be committed and answered. Then stop the server and {@link #close()}.
     */
    public void drain(Duration loadBalancerDelay) throws InterruptedException {
        ops.drain().start();
        LOG.info("Draining: new answers get 503 and /health says draining");
        Thread.sleep(loadBalancerDelay.toMillis());
        hub.reconnectAll(RECONNECT_MILLIS);
        hub.awaitNoConnections(Duration.ofSeconds(5));
        if (!ops.drain().awaitWrites(Duration.ofSeconds(30))) {
            LOG.warn("Writes still in progress after 30 s; stopping anyway (they were not acknowledged)");
        }
    }

    /** How soon a dashboard told to reconnect does so: soon, it lands on another instance. */
    static final long RECONNECT_MILLIS = 500;

    @Override
    public void close() {
        retentionJob.close();
        writer.close();
        webhookDispatcher.close();
        feedPrune.close();
        follower.close();
        hub.close();
    }

    public static void main(String[] args) {
        if (args.length > 0) {
            System.exit(Commands.run(args, System.getenv(), System.out, System.err));
        }
        StartupWarmUp.start();
        try {
            Config config = Config.fromEnv(System.getenv());
            Database database = Database.open(config);
            App app = new App(config, database);
            Javalin server = app.javalin();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    app.drain(config.shutdownDelay());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
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
