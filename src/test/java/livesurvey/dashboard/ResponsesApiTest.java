package livesurvey.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.testtools.HttpClient;
import livesurvey.Admin;
import livesurvey.DatabaseTest;
import livesurvey.Respondent;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.StreamSupport;

import static livesurvey.TestJson.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResponsesApiTest extends DatabaseTest {
    private static final List<String> SORTS = List.of("started", "updated", "completed", "name", "email", "age",
            "about", "address", "gender", "book", "colours");

    @Test
    void a_new_response_shows_on_the_first_page_with_its_answers_and_what_is_being_edited() {
        db.test((server, client) -> {
            Respondent ann = new Respondent(client);
            long id = parse(ann.start()).get("id").asLong();
            ann.answer("name", "Ann");
            ann.answer("email", "not-an-email");
            JsonNode page = Admin.loggedIn(client).page();
            JsonNode first = page.get("items").get(0);
            assertEquals(id, first.get("id").asLong(), "newest first by default");
            assertEquals("Ann", first.at("/answers/name").asText());
            assertEquals("email", first.get("editing").asText());
            assertTrue(first.at("/invalid/email").asText().contains("valid email"), first.toString());
            assertTrue(first.at("/invalid/name").isMissingNode());
            assertFalse(first.get("completed").asBoolean());
            assertTrue(first.get("completedAt").isNull());
            assertEquals(0, page.get("offset").asLong());
            assertTrue(page.get("prevCursor").isNull());
        });
    }

    @Test
    void every_sort_in_both_directions_pages_over_every_response_once_in_order_forward_and_back() {
        db.test((server, client) -> {
            seed(client);
            Admin admin = Admin.loggedIn(client);
            for (String sort : SORTS) {
                for (String dir : List.of("asc", "desc")) {
                    walk(admin, sort, dir, null);
                }
            }
        });
    }

    @Test
    void responses_without_an_answer_to_the_sort_question_come_last_in_both_directions() {
        db.test((server, client) -> {
            seed(client);
            Admin admin = Admin.loggedIn(client);
            for (String dir : List.of("asc", "desc")) {
                List<JsonNode> rows = walk(admin, "address", dir, null);
                int firstUnanswered = indexOf(rows, r -> key(r, "address") == null);
                assertTrue(firstUnanswered > 0, "some have an address, some not");
                for (int i = firstUnanswered; i < rows.size(); i++) {
                    assertNull(key(rows.get(i), "address"), "after the first unanswered, all are: " + rows.get(i));
                }
                List<JsonNode> byCompleted = walk(admin, "completed", dir, null);
                assertTrue(byCompleted.get(0).get("completed").asBoolean());
                assertFalse(byCompleted.get(byCompleted.size() - 1).get("completed").asBoolean());
            }
        });
    }

    @Test
    void ages_sort_as_numbers_not_as_text() {
        db.test((server, client) -> {
            seed(client);
            List<Integer> ages = walk(Admin.loggedIn(client), "age", "asc", null).stream()
                    .filter(r -> r.at("/answers/age").isTextual()).map(r -> r.at("/answers/age").asInt()).toList();
            assertTrue(ages.contains(16) && ages.contains(100));
            assertEquals(ages.stream().sorted().toList(), ages);
        });
    }

    @Test
    void a_filter_on_a_choice_question_keeps_only_matching_responses_with_their_total() {
        db.test((server, client) -> {
            seed(client);
            Admin admin = Admin.loggedIn(client);
            List<JsonNode> women = walk(admin, "started", "desc", "gender:female");
            assertFalse(women.isEmpty());
            women.forEach(r -> assertEquals("female", r.at("/answers/gender").asText()));
            List<JsonNode> all = walk(admin, "started", "desc", null);
            assertEquals(all.stream().filter(r -> "female".equals(r.at("/answers/gender").asText())).count(),
                    women.size());
            List<JsonNode> red = walk(admin, "name", "asc", "colours:red");
            assertFalse(red.isEmpty());
            red.forEach(r -> assertTrue(r.at("/answers/colours").toString().contains("\"red\""), r.toString()));
        });
    }

    @Test
    void bad_paging_parameters_are_400_json_errors() {
        db.test((server, client) -> {
            Admin admin = Admin.loggedIn(client);
            for (String query : List.of("sort=nope", "dir=up", "limit=0", "limit=201", "limit=abc",
                    "cursor=not-a-cursor", "cursor=eyJ4IjoxfQ", "filter=name:Ann", "filter=gender:alien",
                    "filter=nokey")) {
                var r = admin.list(query);
                assertEquals(400, r.code(), query);
                assertNotNull(parse(r).get("error"), query);
            }
            new Respondent(client).start();
            new Respondent(client).start();
            String next = admin.page("limit", "1", "sort", "name").get("nextCursor").asText();
            var mismatch = admin.list("sort=age&cursor=" + next);
            assertEquals(400, mismatch.code());
            assertEquals("cursor", parse(mismatch).get("field").asText());
            assertEquals(200, admin.list("sort=name&cursor=" + next).code());
            assertEquals(200, admin.list("cursor=" + next).code(), "the cursor alone carries its sort");
        });
    }

    @Test
    void one_response_by_id_and_404_for_others() {
        db.test((server, client) -> {
            Respondent bo = new Respondent(client);
            long id = parse(bo.start()).get("id").asLong();
            bo.answer("name", "Bo");
            Admin admin = Admin.loggedIn(client);
            JsonNode row = parse(admin.response(id));
            assertEquals(id, row.get("id").asLong());
            assertEquals("Bo", row.at("/answers/name").asText());
            assertEquals(404, admin.response(id + 1000).code());
            assertEquals(404, admin.get("/api/surveys/default/responses/abc").code());
            assertEquals(404, admin.get("/api/surveys/nosuch/responses/" + id).code());
        });
    }

    @Test
    void delete_removes_the_response_from_list_and_summary_and_frees_its_email() {
        db.test((server, client) -> {
            Admin admin = Admin.loggedIn(client);
            Respondent cy = new Respondent(client);
            long id = cy.completeWith("Cy", "cy@example.com", "40", "male", List.of("red")).get("id").asLong();
            JsonNode before = admin.summary();
            long totalBefore = admin.page().get("total").asLong();

            assertEquals(204, admin.delete(id).code());
            assertEquals(404, admin.response(id).code());
            assertEquals(404, admin.delete(id).code(), "deleting twice");
            JsonNode after = admin.summary();
            assertEquals(before.get("count").asLong() - 1, after.get("count").asLong());
            assertEquals(before.get("completed").asLong() - 1, after.get("completed").asLong());
            assertEquals(totalBefore - 1, admin.page().get("total").asLong());
            assertTrue(walk(admin, "started", "desc", null).stream().noneMatch(r -> r.get("id").asLong() == id));

            Respondent again = new Respondent(client);
            again.start();
            JsonNode verdict = parse(again.answer("email", "cy@example.com"));
            assertTrue(verdict.get("valid").asBoolean(), "the deleted response's email is free: " + verdict);
        });
    }

    /** A known mix: ties, numbers, blanks, unanswered questions, complete and incomplete responses. */
    static void seed(HttpClient client) {
        String tag = java.util.UUID.randomUUID().toString().substring(0, 8);
        new Respondent(client).completeWith("alice", "alice1-" + tag + "@example.com", "34", "female", List.of("red", "blue"));
        new Respondent(client).completeWith("Bob", "bob-" + tag + "@example.com", "16", "male", List.of("green"));
        new Respondent(client).completeWith("carol", "carol-" + tag + "@example.com", "100", "other", List.of());
        new Respondent(client).completeWith("alice", "alice2-" + tag + "@example.com", "34", null, List.of("red"));
        Respondent addressed = new Respondent(client);
        addressed.start();
        addressed.answer("name", "Dan");
        addressed.answer("address", "12 Oak Street");
        Respondent dave = new Respondent(client);
        dave.start();
        dave.answer("name", "Dave");
        new Respondent(client).start();
        Respondent blank = new Respondent(client);
        blank.start();
        blank.answer("name", "   ");
        Respondent eve = new Respondent(client);
        eve.start();
        eve.answer("name", "Eve");
        eve.answer("email", "eve@");
        eve.answer("address", "1 Elm Road");
    }

    /**
     * Walks every page forward (limit 3), checks each response comes once, in the order the rule
     * says, with the right offsets and total; then walks back with prevCursor and expects the same pages.
     */
    static List<JsonNode> walk(Admin admin, String sort, String dir, String filter) {
        List<JsonNode> pages = new ArrayList<>();
        JsonNode page = admin.page("sort", sort, "dir", dir, "limit", "3", "filter", filter);
        pages.add(page);
        while (!page.get("nextCursor").isNull()) {
            page = admin.page("sort", sort, "dir", dir, "limit", "3", "filter", filter,
                    "cursor", page.get("nextCursor").asText());
            pages.add(page);
        }
        List<JsonNode> rows = new ArrayList<>();
        String what = sort + " " + dir + (filter == null ? "" : " " + filter);
        for (JsonNode p : pages) {
            assertEquals(rows.size(), p.get("offset").asLong(), "offset of a page, " + what);
            p.get("items").forEach(rows::add);
        }
        long total = pages.get(0).get("total").asLong();
        assertEquals(total, rows.size(), "every response once, " + what);
        Set<Long> ids = new HashSet<>();
        rows.forEach(r -> assertTrue(ids.add(r.get("id").asLong()), "twice: " + r.get("id") + ", " + what));
        List<JsonNode> expected = new ArrayList<>(rows);
        expected.sort(order(sort, dir));
        assertEquals(ids(expected), ids(rows), "order, " + what);

        for (int i = pages.size() - 1; i > 0; i--) {
            JsonNode back = admin.page("limit", "3", "cursor", pages.get(i).get("prevCursor").asText());
            assertEquals(ids(list(pages.get(i - 1).get("items"))), ids(list(back.get("items"))), "back, " + what);
            assertEquals(pages.get(i - 1).get("offset").asLong(), back.get("offset").asLong(), "back offset, " + what);
            assertEquals(total, back.get("total").asLong());
        }
        assertTrue(pages.get(0).get("prevCursor").isNull());
        return rows;
    }

    /** The rule: by value (nulls and blanks last in both directions), ties and nulls by id. */
    private static Comparator<JsonNode> order(String sort, String dir) {
        boolean asc = dir.equals("asc");
        Comparator<JsonNode> byId = Comparator.comparingLong(r -> r.get("id").asLong());
        Comparator<JsonNode> byValue = Comparator.comparing(r -> key(r, sort),
                Comparator.nullsLast(asc ? Comparator.<Comparable<Object>>naturalOrder()
                        : Comparator.<Comparable<Object>>reverseOrder()));
        return byValue.thenComparing(asc ? byId : byId.reversed());
    }

    @SuppressWarnings("unchecked")
    static Comparable<Object> key(JsonNode row, String sort) {
        Comparable<?> key = switch (sort) {
            case "started" -> Instant.parse(row.get("startedAt").asText());
            case "updated" -> Instant.parse(row.get("updatedAt").asText());
            case "completed" -> row.get("completedAt").isNull() ? null : Instant.parse(row.get("completedAt").asText());
            default -> answerKey(row.at("/answers/" + sort), sort);
        };
        return (Comparable<Object>) key;
    }

    private static Comparable<?> answerKey(JsonNode value, String sort) {
        if (value.isMissingNode()) {
            return null;
        }
        String text = value.isArray() ? String.join(", ", StreamSupport.stream(value.spliterator(), false)
                .map(JsonNode::asText).toList()) : value.asText().strip();
        if (text.isEmpty()) {
            return null;
        }
        return sort.equals("age") ? (Comparable<?>) Long.valueOf(text) : text.toLowerCase(Locale.ROOT);
    }

    private static int indexOf(List<JsonNode> rows, java.util.function.Predicate<JsonNode> test) {
        for (int i = 0; i < rows.size(); i++) {
            if (test.test(rows.get(i))) {
                return i;
            }
        }
        return -1;
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out;
    }

    private static List<Long> ids(List<JsonNode> rows) {
        return rows.stream().map(r -> r.get("id").asLong()).toList();
    }
}
