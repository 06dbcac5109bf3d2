package livesurvey.web;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static livesurvey.web.BadInputCase.of;

/** The table of bad input, route by route (SPEC §6). Status first, then what it is. */
final class BadInputCases {
    static final String ANSWER = "ME/answers/";

    private BadInputCases() {
    }

    static List<BadInputCase> all() {
        List<BadInputCase> cases = new ArrayList<>();
        cases.addAll(answerBodies());
        cases.addAll(storedVerbatim());
        cases.addAll(paths());
        cases.addAll(oversized());
        cases.addAll(AdminBadInputCases.all());
        return cases;
    }

    private static BadInputCase put(String name, String key, int status) {
        return of(name, "PUT", ANSWER + key, status);
    }

    /** Bodies of PUT …/answers/{key} that must be refused without storing anything. */
    static List<BadInputCase> answerBodies() {
        return List.of(
                put("malformed JSON", "name", 400).json("{\"value\":"),
                put("truncated JSON", "name", 400).json("{\"value\":\"Ann"),
                put("trailing garbage after the object", "name", 400).json("{\"value\":\"Ann\"} x"),
                put("two objects", "name", 400).json("{\"value\":\"a\"}{\"value\":\"b\"}"),
                put("single quotes", "name", 400).json("{'value':'Ann'}"),
                put("a bare string body", "name", 400).json("\"Ann\""),
                put("an array body", "name", 400).json("[\"Ann\"]"),
                put("a null body", "name", 400).json("null"),
                put("a number body", "name", 400).json("42"),
                put("an empty body", "name", 400).json(""),
                put("whitespace only", "name", 400).json("  \n "),
                put("no content type", "name", 415).body(null, "{\"value\":\"Ann\"}".getBytes(StandardCharsets.UTF_8)),
                put("text/plain", "name", 415).body("text/plain", "{\"value\":\"Ann\"}".getBytes(StandardCharsets.UTF_8)),
                put("a form post", "name", 415).body("application/x-www-form-urlencoded", "value=Ann".getBytes(StandardCharsets.UTF_8)),
                put("multipart", "name", 415).body("multipart/form-data; boundary=x", "--x\r\n\r\nAnn\r\n--x--".getBytes(StandardCharsets.UTF_8)),
                put("value missing", "name", 400).json("{}"),
                put("misspelt key", "name", 400).json("{\"valeu\":\"Ann\"}"),
                put("unknown extra key", "name", 400).json("{\"value\":\"Ann\",\"admin\":true}"),
                put("duplicate key", "name", 400).json("{\"value\":\"Ann\",\"value\":\"Bob\"}"),
                put("value null", "name", 400).json("{\"value\":null}"),
                put("value a number", "name", 400).json("{\"value\":42}"),
                put("value a boolean", "name", 400).json("{\"value\":true}"),
                put("value an object", "name", 400).json("{\"value\":{\"first\":\"Ann\"}}"),
                put("array where a string belongs", "name", 400).json("{\"value\":[\"Ann\"]}"),
                put("array for a select", "age", 400).json("{\"value\":[\"34\"]}"),
                put("number for a select", "age", 400).json("{\"value\":34}"),
                put("negative number for a select", "age", 400).json("{\"value\":-1}"),
                put("huge number for a select", "age", 400).json("{\"value\":1e400}"),
                put("string where an array belongs", "colours", 400).json("{\"value\":\"red\"}"),
                put("array of numbers for checkboxes", "colours", 400).json("{\"value\":[1,2]}"),
                put("array with null for checkboxes", "colours", 400).json("{\"value\":[\"red\",null]}"),
                put("nested arrays for checkboxes", "colours", 400).json("{\"value\":[[\"red\"]]}"),
                put("too many choices", "colours", 400).json("{\"value\":[" + "\"red\",".repeat(150) + "\"red\"]}"),
                put("nesting deeper than 32", "colours", 400).json("{\"value\":" + "[".repeat(40) + "]".repeat(40) + "}"),
                put("over 10,000 characters", "about", 400).json("{\"value\":\"" + "x".repeat(10_001) + "\"}"),
                put("NUL character", "name", 400).json("{\"value\":\"Ann\\u0000Smith\"}"),
                put("bell control character", "name", 400).json("{\"value\":\"Ann\\u0007\"}"),
                put("escape control character", "about", 400).json("{\"value\":\"\\u001b[31mred\"}"),
                put("DEL control character", "name", 400).json("{\"value\":\"Ann\\u007f\"}"),
                put("raw control byte inside a JSON string", "name", 400).body("application/json", bytes("{\"value\":\"A", 0x01, "nn\"}")),
                put("lone high surrogate", "name", 400).json("{\"value\":\"\\ud83d\"}"),
                put("lone low surrogate", "name", 400).json("{\"value\":\"x\\ude00\"}"),
                put("invalid UTF-8 byte 0xFF", "name", 400).body("application/json", bytes("{\"value\":\"", 0xff, "\"}")),
                put("overlong UTF-8 encoding of /", "name", 400).body("application/json", bytes("{\"value\":\"", 0xc0, 0xaf, "\"}")),
                put("truncated UTF-8 sequence", "name", 400).body("application/json", bytes("{\"value\":\"", 0xe2, 0x82, "\"}")),
                put("UTF-16 body", "name", 400).body("application/json", "{\"value\":\"Ann\"}".getBytes(StandardCharsets.UTF_16)),
                put("unknown question key", "nope", 404).json("{\"value\":\"Ann\"}"));
    }

    /** Hostile but well-formed text: stored exactly as typed, shown as text, never executed or interpreted. */
    static List<BadInputCase> storedVerbatim() {
        return List.of(
                stored("4-byte emoji round-trip", "name", "Ann 😀🎉👩‍💻"),
                stored("emoji in the long text", "about", "𝄞 music and 🐍 snakes"),
                stored("SQL injection: drop table", "name", "Robert'); DROP TABLE answers;--"),
                stored("SQL injection: tautology", "about", "' OR '1'='1' -- "),
                stored("SQL injection: union", "address", "x' UNION SELECT token_hash FROM responses --"),
                stored("script tag", "about", "<script>alert(document.cookie)</script>"),
                stored("attribute-breaking payload", "name", "\"><img src=x onerror=alert(1)>"),
                stored("single-quote attribute break", "book", "' onmouseover='alert(1)"),
                stored("javascript: URL", "address", "javascript:alert(1)"),
                stored("HTML entities stay literal", "book", "&lt;b&gt; &amp; &#x3C;"),
                stored("backslashes and quotes", "about", "C:\\\\temp\\\\\"quoted\"\\n"),
                stored("newlines and tabs are text", "about", "line 1\nline 2\r\n\tindented"),
                stored("right-to-left override", "book", "abc\u202Edcba"),
                stored("exactly 10,000 characters", "about", "y".repeat(10_000)),
                stored("percent-encoding stays literal", "address", "%27%3Cscript%3E"));
    }

    private static BadInputCase stored(String name, String key, String value) {
        String json = livesurvey.web.Json.MAPPER.valueToTree(value).toString();
        return put(name, key, 200).json("{\"value\":" + json + "}").storesAs(key, json);
    }

    /** Hostile path parameters on every respondent route. */
    static List<BadInputCase> paths() {
        List<BadInputCase> cases = new ArrayList<>(List.of(
                of("slug traversal ../", "GET", "/api/surveys/..%2F..%2Fetc%2Fpasswd", 404),
                of("slug dot-dot", "GET", "/api/surveys/..", 404),
                of("slug encoded dot-dot", "GET", "/api/surveys/%2e%2e", 404),
                of("slug upper case", "GET", "/api/surveys/DEFAULT", 404),
                of("slug with SQL", "GET", "/api/surveys/default'%20OR%20'1'='1", 404),
                of("slug with NUL", "GET", "/api/surveys/default%00", 400),
                of("slug with script", "GET", "/api/surveys/%3Cscript%3Ealert(1)%3C%2Fscript%3E", 404),
                of("slug 2,000 characters", "GET", "/api/surveys/" + "a".repeat(2_000), 404),
                of("URI over Jetty's 8 KiB limit", "GET", "/api/surveys/" + "a".repeat(9_000), 414),
                of("slug emoji", "GET", "/api/surveys/%F0%9F%98%80", 404),
                of("slug invalid UTF-8", "GET", "/api/surveys/%FF%FE", 400),
                of("start on an unknown survey", "POST", "/api/surveys/nope/responses", 404),
                of("key traversal", "PUT", ANSWER + "..%2F..%2Fadmin", 404).json("{\"value\":\"x\"}"),
                of("key dot-dot", "PUT", ANSWER + "..", 404).json("{\"value\":\"x\"}"),
                of("key with SQL", "PUT", ANSWER + "name'%3B--", 404).json("{\"value\":\"x\"}"),
                of("key with NUL", "PUT", ANSWER + "name%00", 400).json("{\"value\":\"x\"}"),
                of("key upper case", "PUT", ANSWER + "NAME", 404).json("{\"value\":\"x\"}"),
                of("key 2,000 characters", "PUT", ANSWER + "k".repeat(2_000), 404).json("{\"value\":\"x\"}"),
                of("step zero", "POST", "ME/steps/0", 404),
                of("step negative", "POST", "ME/steps/-1", 404),
                of("step beyond the last", "POST", "ME/steps/5", 404),
                of("step huge", "POST", "ME/steps/99999999999999999999999", 404),
                of("step max int", "POST", "ME/steps/2147483647", 404),
                of("step a fraction", "POST", "ME/steps/1.5", 404),
                of("step a word", "POST", "ME/steps/one", 404),
                of("step traversal", "POST", "ME/steps/..%2F1", 404),
                of("step not reached yet", "POST", "ME/steps/3", 409),
                of("complete with answers missing", "POST", "ME/complete", 422),
                of("me traversal reaches the admin route, not another response", "GET", "/api/surveys/default/responses/me%2F..%2F1", 401),
                of("unknown /api path", "GET", "/api/nope", 404),
                of("wrong method on the survey", "POST", "/api/surveys/default", 405),
                of("wrong method on an answer", "PATCH", ANSWER + "name", 405).json("{\"value\":\"x\"}")));
        for (String forged : List.of("AAAA", "x'%20OR%201=1", "A".repeat(43), "../../etc/passwd", "A".repeat(5000))) {
            cases.add(put("forged cookie " + forged.substring(0, Math.min(12, forged.length())), "name", 404)
                    .json("{\"value\":\"x\"}").withCookie("ls_respondent=" + forged));
        }
        return cases;
    }

    /** Every respondent route refuses a body over the cap, before doing anything. */
    static List<BadInputCase> oversized() {
        byte[] big = ("{\"value\":\"" + "z".repeat(70_000) + "\"}").getBytes(StandardCharsets.UTF_8);
        return List.of(
                of("oversized answer", "PUT", ANSWER + "about", 413).body("application/json", big),
                of("oversized body on start", "POST", "/api/surveys/default/responses", 413).body("application/json", big),
                of("oversized body on a step", "POST", "ME/steps/1", 413).body("application/json", big),
                of("oversized body on complete", "POST", "ME/complete", 413).body("application/json", big),
                of("oversized body on reset", "DELETE", "ME", 413).body("application/json", big));
    }

    private static byte[] bytes(Object... parts) {
        var out = new java.io.ByteArrayOutputStream();
        for (Object p : parts) {
            if (p instanceof String s) {
                out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
            } else {
                out.write((Integer) p);
            }
        }
        return out.toByteArray();
    }
}
