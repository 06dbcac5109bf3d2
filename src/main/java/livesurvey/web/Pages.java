package livesurvey.web;

import io.javalin.http.Context;
import io.javalin.http.Handler;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The HTML pages: static files from the jar, served at their clean paths. */
public final class Pages {
    private Pages() {
    }

    public static Handler page(String file) {
        byte[] html = read("/public/" + file);
        return ctx -> html(ctx, html);
    }

    private static void html(Context ctx, byte[] html) {
        ctx.header("Cache-Control", "no-cache").contentType("text/html; charset=utf-8").result(html);
    }

    private static byte[] read(String resource) {
        try (InputStream in = Pages.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing page " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
