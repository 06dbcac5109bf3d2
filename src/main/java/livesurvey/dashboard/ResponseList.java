package livesurvey.dashboard;

import livesurvey.response.ResponseDao;
import livesurvey.survey.Survey;
import livesurvey.web.ApiException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/** Pages of a survey's responses in any sort order, keyset-paged both ways, with the total. */
public final class ResponseList {
    static final int DEFAULT_LIMIT = 25;
    static final int MAX_LIMIT = 200;

    private final Jdbi jdbi;
    private final Summariser summariser;
    private final PageQuery query;

    /** @param mysql MySQL/MariaDB (FORCE INDEX) rather than H2 (USE INDEX) */
    public ResponseList(Jdbi jdbi, Summariser summariser, boolean mysql) {
        this.jdbi = jdbi;
        this.query = new PageQuery(mysql);
        this.summariser = summariser;
        // Once, not per page: registering on each handle copied its configuration every request.
        jdbi.registerRowMapper(ConstructorMapper.factory(Listed.class));
    }

    /** The raw query parameters of a page request; any of them may be null. */
    public record Request(String sort, String dir, String limit, String cursor, String filter) {
    }

    public Page page(Survey survey, Request request) {
        Cursor cursor = request.cursor() == null || request.cursor().isEmpty() ? null : Cursor.decode(request.cursor());
        String sortName = pick(request.sort(), cursor, cursor == null ? null : cursor.sort(), "sort");
        String dirName = pick(request.dir(), cursor, cursor == null ? null : cursor.dir(), "dir");
        String filterText = pick(request.filter(), cursor, cursor == null ? null : cursor.filter(), "filter");
        Sort sort = Sort.parse(survey, sortName, dirName);
        Sort.Filter filter = Sort.Filter.parse(survey, filterText);
        int limit = limit(request.limit());
        if (cursor != null) {
            checkPosition(sort, cursor.position());
        }
        // One handle (one connection) for the whole page: the total, the rows and their answers.
        return jdbi.withHandle(h -> {
            long total = filter == null ? summariser.responseCount(survey.id()) : query.filteredTotal(h, filter);
            return cursor != null && cursor.backward()
                    ? backward(h, survey, sort, filter, cursor, limit, total)
                    : forward(h, survey, sort, filter, cursor, limit, total);
        });
    }

    private Page forward(Handle h, Survey survey, Sort sort, Sort.Filter filter, Cursor cursor, int limit, long total) {
        long offset = cursor == null ? 0 : cursor.offset();
        PageQuery.Fetched fetched = query.fetch(h, survey, sort, filter, cursor == null ? null : cursor.position(),
                true, limit + 1, new PageQuery.Walk(offset, total, cursor == null ? null : cursor.tailStart()));
        List<Listed> items = new ArrayList<>(fetched.items());
        boolean more = items.size() > limit;
        if (more) {
            items.remove(limit);
        }
        Long tail = fetched.tailStart();
        String next = more ? cursorAt(sort, filter, items.get(items.size() - 1), offset + items.size(), false, tail)
                : null;
        String prev = offset > 0 && !items.isEmpty() ? cursorAt(sort, filter, items.get(0), offset, true, tail) : null;
        return new Page(total, offset, RowBuilder.rows(h.attach(ResponseDao.class), survey, items), next, prev);
    }

    private Page backward(Handle h, Survey survey, Sort sort, Sort.Filter filter, Cursor cursor, int limit,
                          long total) {
        PageQuery.Fetched fetched = query.fetch(h, survey, sort, filter, cursor.position(), false, limit + 1,
                new PageQuery.Walk(cursor.offset(), total, cursor.tailStart()));
        List<Listed> items = new ArrayList<>(fetched.items());
        boolean more = items.size() > limit;
        if (!more && items.size() < limit) {
            // Rows before this point were deleted meanwhile: show the first page rather than a short one.
            return forward(h, survey, sort, filter, null, limit, total);
        }
        if (more) {
            items.remove(limit);
        }
        Collections.reverse(items);
        long offset = more ? Math.max(1, cursor.offset() - items.size()) : 0;
        Long tail = fetched.tailStart();
        String next = cursorAt(sort, filter, items.get(items.size() - 1), offset + items.size(), false, tail);
        String prev = more ? cursorAt(sort, filter, items.get(0), offset, true, tail) : null;
        return new Page(total, offset, RowBuilder.rows(h.attach(ResponseDao.class), survey, items), next, prev);
    }

    private static String cursorAt(Sort sort, Sort.Filter filter, Listed item, long offset, boolean backward,
                                   Long tailStart) {
        Cursor.Position position = Cursor.Position.of(item);
        return new Cursor(sort.name(), sort.dir(), filter == null ? null : filter.text(), position, offset, backward,
                position.segment() == 1 ? tailStart : null).encode();
    }

    /** A parameter sent alongside a cursor must agree with the cursor's. */
    private static String pick(String given, Cursor cursor, String fromCursor, String name) {
        String g = given == null || given.isEmpty() ? null : given;
        if (cursor != null && g != null && !g.equals(fromCursor)) {
            throw new ApiException(400, "The cursor belongs to another " + name + "; start again without a cursor",
                    "cursor", null);
        }
        return g != null ? g : fromCursor;
    }

    private static void checkPosition(Sort sort, Cursor.Position p) {
        boolean ok = p.segment() < sort.segments() && (p.segment() == 1) == (p.value() == null);
        if (ok && p.segment() == 0 && sort.column() != null) {
            ok = Objects.requireNonNull(p.value()).matches("-?\\d{1,18}");
        }
        if (!ok) {
            throw new ApiException(400, "Bad cursor: use nextCursor or prevCursor from a previous page", "cursor", null);
        }
    }

    private static int limit(String raw) {
        if (raw == null || raw.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(raw);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw new ApiException(400, "limit must be a whole number from 1 to " + MAX_LIMIT, "limit", null);
    }
}
