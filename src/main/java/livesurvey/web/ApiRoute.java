package livesurvey.web;

import io.javalin.http.Handler;
import io.javalin.http.HandlerType;

import java.lang.reflect.Type;

/**
 * One entry of the route table: what Javalin serves and what the API document describes come from
 * the same record, so the two cannot drift.
 */
public record ApiRoute(HandlerType method, String path, Handler handler, Access access, String summary,
                       Class<?> requestBody, Type responseBody, int successStatus) {

    public static ApiRoute of(HandlerType method, String path, Handler handler, Access access, String summary) {
        return new ApiRoute(method, path, handler, access, summary, null, null, 200);
    }

    public ApiRoute accepts(Class<?> body) {
        return new ApiRoute(method, path, handler, access, summary, body, responseBody, successStatus);
    }

    public ApiRoute returns(Type body) {
        return new ApiRoute(method, path, handler, access, summary, requestBody, body, successStatus);
    }

    public ApiRoute status(int status) {
        return new ApiRoute(method, path, handler, access, summary, requestBody, responseBody, status);
    }
}
