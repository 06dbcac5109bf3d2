package livesurvey.web;

import livesurvey.DatabaseTest;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a browser downloads: compressed text, files it can revalidate, versioned libraries it can keep. */
class BytesOnTheWireTest extends DatabaseTest {
    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<byte[]> get(int port, String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String gunzip(byte[] bytes) throws IOException {
        try (var in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void text_comes_gzip_compressed_to_a_client_that_accepts_it_and_reads_the_same() {
        db.test((server, client) -> {
            for (String path : List.of("/api/surveys/default", "/survey", "/static/js/dashboard.js", "/static/css/site.css")) {
                String plain = new String(get(server.port(), path).body(), StandardCharsets.UTF_8);
                HttpResponse<byte[]> zipped = get(server.port(), path, "Accept-Encoding", "gzip");
                assertEquals(200, zipped.statusCode(), path);
                assertEquals("gzip", zipped.headers().firstValue("Content-Encoding").orElse(null), path);
                assertTrue(zipped.body().length < plain.length() / 2, path + ": " + zipped.body().length + " bytes of " + plain.length());
                assertEquals(plain, gunzip(zipped.body()), path);
            }
        });
    }

    @Test
    void static_files_revalidate_and_versioned_libraries_are_kept() {
        db.test((server, client) -> {
            HttpResponse<byte[]> css = get(server.port(), "/static/css/site.css");
            String etag = css.headers().firstValue("ETag").orElse(null);
            assertNotNull(etag, "a validator to revalidate with");
            assertEquals(304, get(server.port(), "/static/css/site.css", "If-None-Match", etag).statusCode());

            HttpResponse<byte[]> chart = get(server.port(), "/webjars/chart.js/4.5.1/dist/chart.umd.min.js");
            assertEquals(200, chart.statusCode());
            String cache = chart.headers().firstValue("Cache-Control").orElse("");
            assertTrue(cache.matches(".*max-age=\\d{7,}.*"), "a versioned URL can be cached for long: " + cache);
        });
    }
}
