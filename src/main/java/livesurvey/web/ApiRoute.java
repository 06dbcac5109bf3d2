package livesurvey.web;

import io.javalin.http.Handler;
import io.javalin.http.HandlerType;

import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * One entry of the route table: what Javalin serves and what the API document describes come from
 * the same record, so the two cannot drift.
 *
 * @param produces   the success reply's content type (application/json unless a route streams CSV or events)
 * @param query      the query parameters the handler reads
 * @param errors     statuses this route answers besides the ones every route of its kind can (see OpenApiDocument)
 * @param rateLimit  the per-client bucket that limits this route, or null
 */
public record ApiRoute(HandlerType method, String path, Handler handler, Access access, String summary,
                       Class<?> requestBody, Type responseBody, int successStatus,
                       String produces, List<QueryParam> query, List<Integer> errors, RateLimit rateLimit) {

    /** A query parameter as the document describes it; {@code type} is a JSON Schema type. */
    public record QueryParam(String name, String type, String description) {
    }

    /** The per-client limits of SPEC §6 (each configured in requests per minute). */
    public enum RateLimit { START, ANSWER, LOGIN }

    public static ApiRoute of(HandlerType method, String path, Handler handler, Access access, String summary) {
        return new ApiRoute(method, path, handler, access, summary, null, null, 200,
                "application/json", List.of(), List.of(), null);
    }

    public ApiRoute accepts(Class<?> body) {
        return new ApiRoute(method, path, handler, access, summary, body, responseBody, successStatus,
                produces, query, errors, rateLimit);
    }

    public ApiRoute returns(Type body) {
        return new ApiRoute(method, path, handler, access, summary, requestBody, body, successStatus,
                produces, query, errors, rateLimit);
    }

    public ApiRoute status(int status) {
        return new ApiRoute(method, path, handler, access, summary, requestBody, responseBody, status,
                produces, query, errors, rateLimit);
    }

    public ApiRoute produces(String contentType) {
        return new ApiRoute(method, path, handler, access, summary, requestBody, responseBody, successStatus,
                contentType, query, errors, rateLimit);
    }

    public ApiRoute query(String name, String type, String description) {
        List<QueryParam> more = new ArrayList<>(query);
        more.add(new QueryParam(name, type, description));
        return new ApiRoute(method, path, handler, access, summary, requestBody, responseBody, successStatus,
                produces, List.copyOf(more), errors, rateLimit);
    }

    public ApiRoute errors(Integer... statuses) {
        List<Integer> more = new ArrayList<>(errors);
        more.addAll(List.of(statuses));
        return new ApiRoute(method, path, handler, access, summary, requestBody, responseBody, successStatus,
                produces, query, List.copyOf(more), rateLimit);
    }

    public ApiRoute limitedBy(RateLimit bucket) {
        return new ApiRoute(method, path, handler, access, summary, requestBody, responseBody, successStatus,
                produces, query, errors, bucket);
    }
}
