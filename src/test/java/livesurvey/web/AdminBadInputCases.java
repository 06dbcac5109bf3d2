package livesurvey.web;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static livesurvey.web.BadInputCase.Auth.ADMIN;
import static livesurvey.web.BadInputCase.Auth.NONE;
import static livesurvey.web.BadInputCase.of;

/** The bad-input table for login and the admin API. ADMIN cases carry a valid bearer token. */
final class AdminBadInputCases {
    static final String LIST = "/api/surveys/default/responses";

    private AdminBadInputCases() {
    }

    static List<BadInputCase> all() {
        List<BadInputCase> cases = new ArrayList<>();
        cases.addAll(login());
        cases.addAll(list());
        cases.addAll(paths());
        return cases;
    }

    private static BadInputCase login(String name, int status, String json) {
        return of(name, "POST", "/api/login", status).json(json).as(NONE);
    }

    static List<BadInputCase> login() {
        return List.of(
                login("login: malformed JSON", 400, "{\"username\":"),
                login("login: truncated JSON", 400, "{\"username\":\"admin\",\"password\":\"te"),
                login("login: empty body", 400, ""),
                login("login: array body", 400, "[\"admin\",\"x\"]"),
                login("login: null body", 400, "null"),
                login("login: no password", 400, "{\"username\":\"admin\"}"),
                login("login: password null", 400, "{\"username\":\"admin\",\"password\":null}"),
                login("login: username a number", 400, "{\"username\":42,\"password\":\"x\"}"),
                login("login: password an array", 400, "{\"username\":\"admin\",\"password\":[\"x\"]}"),
                login("login: password an object", 400, "{\"username\":\"admin\",\"password\":{\"$ne\":null}}"),
                login("login: unknown user", 401, "{\"username\":\"nobody\",\"password\":\"test-admin-password\"}"),
                login("login: wrong password", 401, "{\"username\":\"admin\",\"password\":\"wrong-password\"}"),
                login("login: SQL comment in username", 401, "{\"username\":\"admin' -- \",\"password\":\"x\"}"),
                login("login: SQL tautology in password", 401, "{\"username\":\"admin\",\"password\":\"' OR '1'='1\"}"),
                login("login: username 10,000 characters", 401, "{\"username\":\"" + "a".repeat(10_000) + "\",\"password\":\"x\"}"),
                login("login: password 10,000 characters", 401, "{\"username\":\"admin\",\"password\":\"" + "p".repeat(10_000) + "\"}"),
                login("login: NUL in username", 401, "{\"username\":\"admin\\u0000\",\"password\":\"test-admin-password\"}"),
                login("login: emoji username", 401, "{\"username\":\"😀\",\"password\":\"x\"}"),
                login("login: upper-case username", 401, "{\"username\":\"ADMIN\",\"password\":\"wrong\"}"),
                of("login: text/plain", "POST", "/api/login", 415).as(NONE)
                        .body("text/plain", "{\"username\":\"admin\",\"password\":\"x\"}".getBytes(StandardCharsets.UTF_8)),
                of("login: invalid UTF-8", "POST", "/api/login", 400).as(NONE)
                        .body("application/json", new byte[] {'{', '"', 'u', '"', ':', '"', (byte) 0xff, '"', '}'}),
                of("login: oversized", "POST", "/api/login", 413).as(NONE)
                        .json("{\"username\":\"" + "a".repeat(70_000) + "\",\"password\":\"x\"}"));
    }

    private static BadInputCase get(String name, String query, int status) {
        return of(name, "GET", LIST + query, status).as(ADMIN);
    }

    static List<BadInputCase> list() {
        return List.of(
                get("list: unknown sort key", "?sort=nope", 400),
                get("list: SQL in sort", "?sort=started%3BDROP%20TABLE%20responses", 400),
                get("list: sort by a column name", "?sort=token_hash", 400),
                get("list: bad dir", "?dir=sideways", 400),
                get("list: limit zero", "?limit=0", 400),
                get("list: limit negative", "?limit=-1", 400),
                get("list: limit over 200", "?limit=201", 400),
                get("list: limit huge", "?limit=99999999999999999999", 400),
                get("list: limit a word", "?limit=ten", 400),
                get("list: limit a fraction", "?limit=2.5", 400),
                get("list: cursor garbage", "?cursor=garbage", 400),
                get("list: cursor script", "?cursor=%3Cscript%3Ealert(1)%3C%2Fscript%3E", 400),
                get("list: cursor SQL", "?cursor=1'%20OR%20'1'='1", 400),
                get("list: filter without a colon", "?filter=gender", 400),
                get("list: filter on an unknown key", "?filter=nope:x", 400),
                get("list: filter on a text question", "?filter=name:Ann", 400),
                get("list: filter with SQL", "?filter=gender:'%20OR%201=1", 400),
                get("list: filter unknown option", "?filter=gender:robot", 400),
                get("list: valid query still fine", "?sort=name&dir=asc&limit=5", 200));
    }

    static List<BadInputCase> paths() {
        List<BadInputCase> cases = new ArrayList<>(List.of(
                of("one: id negative", "GET", LIST + "/-1", 404).as(ADMIN),
                of("one: id zero", "GET", LIST + "/0", 404).as(ADMIN),
                of("one: id huge", "GET", LIST + "/99999999999999999999", 404).as(ADMIN),
                of("one: id max long", "GET", LIST + "/9223372036854775807", 404).as(ADMIN),
                of("one: id a word", "GET", LIST + "/abc", 404).as(ADMIN),
                of("one: id a fraction", "GET", LIST + "/1.5", 404).as(ADMIN),
                of("one: id with SQL", "GET", LIST + "/1%20OR%201=1", 404).as(ADMIN),
                of("one: id traversal", "GET", LIST + "/..%2F..%2Fsummary", 404).as(ADMIN),
                of("delete: id a word", "DELETE", LIST + "/abc", 404).as(ADMIN),
                of("delete: id negative", "DELETE", LIST + "/-5", 404).as(ADMIN),
                of("delete: id with SQL", "DELETE", LIST + "/1%20OR%201=1", 404).as(ADMIN),
                of("summary: unknown survey", "GET", "/api/surveys/nope/summary", 404).as(ADMIN),
                of("summary: slug traversal", "GET", "/api/surveys/..%2Fdefault/summary", 404).as(ADMIN),
                of("export.csv: unknown survey", "GET", "/api/surveys/nope/export.csv", 404).as(ADMIN),
                of("export.json: slug with SQL", "GET", "/api/surveys/default'--/export.json", 404).as(ADMIN),
                of("admin delete with a forged bearer token", "DELETE", LIST + "/1", 401)
                        .bearer("lsat_forged"),
                of("list without credentials", "GET", LIST, 401).as(NONE),
                of("summary without credentials", "GET", "/api/surveys/default/summary", 401).as(NONE),
                of("export without credentials", "GET", "/api/surveys/default/export.csv", 401).as(NONE)));
        for (String token : List.of("lsat_", "lsat_" + "A".repeat(43), "Bearer", "' OR 1=1 --", "A".repeat(4000))) {
            cases.add(of("admin list with bearer " + token.substring(0, Math.min(10, token.length())), "GET", LIST, 401)
                    .bearer(token));
        }
        return cases;
    }
}
