package livesurvey.live;

/** One server-sent event, its data already serialised once for every stream that gets it. */
record SseMessage(String event, String data, String id) {
    static SseMessage comment(String text) {
        return new SseMessage(null, text, null);
    }

    /** The reconnection delay a browser's EventSource should use from now on (the SSE "retry" field). */
    static SseMessage retry(long millis) {
        return new SseMessage(RETRY, Long.toString(millis), null);
    }

    boolean isComment() {
        return event == null;
    }

    boolean isRetry() {
        return RETRY.equals(event);
    }

    // Not a valid event name (it has a colon), so no real event is ever mistaken for it.
    private static final String RETRY = "retry:";
}
