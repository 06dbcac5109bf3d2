package livesurvey.live;

/** One server-sent event, its data already serialised once for every stream that gets it. */
record SseMessage(String event, String data, String id) {
    static SseMessage comment(String text) {
        return new SseMessage(null, text, null);
    }

    boolean isComment() {
        return event == null;
    }
}
