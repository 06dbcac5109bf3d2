package livesurvey.live;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** One server-sent event, its data already serialised once for every stream that gets it. */
record SseMessage(String event, String data, String id) {
    static SseMessage comment(String text) {
        return new SseMessage(null, text, null);
    }

    boolean isComment() {
        return event == null;
    }

    /**
     * Several events as the bytes of one write, encoded once for every stream that gets them.
     * Data is JSON (never a raw newline), so each event's data is one line.
     */
    static byte[] encode(List<SseMessage> messages) {
        StringBuilder out = new StringBuilder();
        for (SseMessage m : messages) {
            if (m.isComment()) {
                out.append(": ").append(m.data()).append("\n\n");
                continue;
            }
            if (m.id() != null) {
                out.append("id: ").append(m.id()).append('\n');
            }
            out.append("event: ").append(m.event()).append('\n').append("data: ").append(m.data()).append("\n\n");
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }
}
