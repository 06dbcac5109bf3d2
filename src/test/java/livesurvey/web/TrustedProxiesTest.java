package livesurvey.web;

import io.javalin.testtools.HttpClient;
import io.javalin.testtools.JavalinTest;
import io.javalin.testtools.TestConfig;
import livesurvey.App;
import livesurvey.Backend;
import livesurvey.Config;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest.BodyPublishers;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Rate limits count per client: behind a trusted proxy the forwarded address, otherwise the peer. */
class TrustedProxiesTest {
    private static final Backend DB = Backend.h2();
    private static final RateLimits TWO_STARTS = new RateLimits(true, Map.of(ApiRoute.RateLimit.START, 2,
            ApiRoute.RateLimit.ANSWER, 100, ApiRoute.RateLimit.LOGIN, 10));

    @AfterAll
    static void close() {
        DB.close();
    }

    @Test
    void behind_a_trusted_proxy_each_forwarded_client_has_its_own_limit() {
        withProxies("127.0.0.1, ::1", client -> {
            assertEquals(List.of(201, 201, 429), starts(client, "203.0.113.5", 3));
            assertEquals(List.of(201, 201), starts(client, "203.0.113.6", 2), "another client behind the proxy");
        });
    }

    @Test
    void a_client_cannot_dodge_the_limit_by_writing_its_own_forwarded_for() {
        withProxies("127.0.0.1/8, ::1", client -> {
            // The proxy appends the address it saw; what the client wrote is further left and ignored.
            List<Integer> codes = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                codes.addAll(starts(client, "10.9.9." + i + ", 203.0.113.7", 1));
            }
            assertEquals(List.of(201, 201, 429), codes);
        });
    }

    @Test
    void without_trusted_proxies_forwarded_for_is_ignored() {
        withProxies("", client -> {
            List<Integer> codes = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                codes.addAll(starts(client, "198.51.100." + i, 1));
            }
            assertEquals(List.of(201, 201, 429), codes, "every request is the proxy's own (the peer's) address");
        });
    }

    @Test
    void the_client_is_the_rightmost_address_that_is_not_a_trusted_proxy() {
        TrustedProxies proxies = TrustedProxies.parse("10.0.0.0/8, 2001:db8::/32", new ArrayList<>());
        assertEquals("203.0.113.9", proxies.resolve("10.1.2.3", headers("198.51.100.1, 203.0.113.9, 10.0.0.7")));
        assertEquals("2001:db9::1", proxies.resolve("2001:db8::5", headers("2001:db9::1")));
        assertEquals("192.0.2.1", proxies.resolve("192.0.2.1", headers("203.0.113.9")), "peer not trusted");
        assertEquals("10.0.0.7", proxies.resolve("10.1.2.3", headers("10.0.0.7")), "only proxies: the furthest");
        assertEquals("10.1.2.3", proxies.resolve("10.1.2.3", headers("not-an-address")), "garbage is not a client");
    }

    @Test
    void a_bad_entry_is_a_start_up_problem_naming_it() {
        List<String> problems = new ArrayList<>();
        TrustedProxies.parse("10.0.0.0/8, proxy.example.com, 10.0.0.0/33", problems);
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("proxy.example.com"), problems.get(0));
    }

    private static java.util.Enumeration<String> headers(String... values) {
        return Collections.enumeration(List.of(values));
    }

    private static List<Integer> starts(HttpClient client, String forwardedFor, int times) {
        List<Integer> codes = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            codes.add(client.request("/api/surveys/default/responses", b -> b
                    .header("X-Forwarded-For", forwardedFor).post(BodyPublishers.noBody())).code());
        }
        return codes;
    }

    private static void withProxies(String trusted, java.util.function.Consumer<HttpClient> test) {
        Config base = DB.config();
        Config config = new Config(0, base.databaseUrl(), base.databaseUser(), base.databasePassword(), false,
                base.adminPassword(), TWO_STARTS).withTrustedProxies(TrustedProxies.parse(trusted, new ArrayList<>()));
        try (App app = new App(config, DB.database())) {
            JavalinTest.test(app.javalin(), new TestConfig(false, false, java.net.http.HttpClient.newHttpClient(),
                    Map.of()), (server, client) -> test.accept(client));
        }
    }
}
