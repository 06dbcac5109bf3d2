package livesurvey.web;

/** An error with its HTTP status, mapped once to the JSON error shape of SPEC §3. */
public class ApiException extends RuntimeException {
    private final int status;
    private final String field;
    private final transient Object details;

    public ApiException(int status, String message, String field, Object details) {
        super(message);
        this.status = status;
        this.field = field;
        this.details = details;
    }

    public ApiException(int status, String message) {
        this(status, message, null, null);
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, message);
    }

    public int status() {
        return status;
    }

    public String field() {
        return field;
    }

    public Object details() {
        return details;
    }
}
