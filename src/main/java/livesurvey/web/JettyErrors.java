package livesurvey.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;

/**
 * Errors Jetty answers before Javalin sees the request (a URL with %00 or broken UTF-8, a URI or
 * header block too long): a JSON error with the security headers, instead of Jetty's HTML page.
 */
public final class JettyErrors extends ErrorHandler {

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = response.getStatus();
        HttpFields.Mutable headers = response.getHeaders();
        secure(headers);
        headers.put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(body(status, (String) request.getAttribute(ERROR_MESSAGE))), callback);
        return true;
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        secure(fields);
        fields.put(HttpHeader.CONTENT_TYPE, "application/json");
        return ByteBuffer.wrap(body(status, reason));
    }

    private static void secure(HttpFields.Mutable headers) {
        headers.put(new HttpField("Content-Security-Policy", SecurityHeaders.CSP));
        headers.put(new HttpField("X-Content-Type-Options", "nosniff"));
        headers.put(new HttpField("Referrer-Policy", "same-origin"));
        headers.put(HttpHeader.CACHE_CONTROL, "no-store");
    }

    /** Jetty's reasons are short fixed phrases ("Bad UTF-8 encoding"); anything else is replaced, never echoed. */
    private static byte[] body(int status, String reason) {
        String phrase = HttpStatus.getMessage(status);
        boolean plain = reason != null && reason.matches("[A-Za-z0-9 .,:;()/-]{1,80}");
        String message = "The request could not be read: " + (plain ? reason : phrase)
                + (status == 400 ? " (check the URL's encoding)" : "");
        try {
            return Json.MAPPER.writeValueAsBytes(new ApiError(message, null, null));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
