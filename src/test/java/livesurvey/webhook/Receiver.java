package livesurvey.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import livesurvey.web.Json;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A CRM's webhook receiver on loopback: records every delivery and answers with a status the test sets. */
final class Receiver implements AutoCloseable {
    /** One request as it arrived, and what the receiver answered. */
    record Received(String body, String signature, int answered) {
        JsonNode json() {
            try {
                return Json.MAPPER.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("Not JSON: " + body, e);
            }
        }

        /** Checks the signature the way the README tells a receiver to. */
        boolean signedWith(String secret) {
            String t = null;
            String v1 = null;
            for (String part : signature.split(",")) {
                if (part.startsWith("t=")) {
                    t = part.substring(2);
                } else if (part.startsWith("v1=")) {
                    v1 = part.substring(3);
                }
            }
            if (t == null || v1 == null || Math.abs(System.currentTimeMillis() / 1000 - Long.parseLong(t)) > 300) {
                return false;
            }
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
                byte[] expected = mac.doFinal((t + "." + body).getBytes(StandardCharsets.UTF_8));
                return MessageDigest.isEqual(expected, HexFormat.of().parseHex(v1));
            } catch (Exception e) {
                return false;
            }
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile int answer = 200;

    Receiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            int status = answer;
            received.add(new Received(new String(body, StandardCharsets.UTF_8),
                    exchange.getRequestHeaders().getFirst("LiveSurvey-Signature"), status));
            byte[] reply = (status == 200 ? "ok" : "not now").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, reply.length);
            exchange.getResponseBody().write(reply);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    void answer(int status) {
        answer = status;
    }

    List<Received> all() {
        return List.copyOf(received);
    }

    /** The deliveries this receiver acknowledged with 2xx. */
    List<Received> accepted() {
        return received.stream().filter(r -> r.answered() < 300).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
