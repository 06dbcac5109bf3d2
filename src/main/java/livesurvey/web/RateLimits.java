package livesurvey.web;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Requests per minute per client for each limited route kind, from LIVESURVEY_RATE_LIMITS:
 * {@code off}, or {@code start=30,answer=1200,login=10} (any subset; the rest keep their defaults).
 */
public record RateLimits(boolean enabled, Map<ApiRoute.RateLimit, Integer> perMinute) {
    /** A person typing sends a few answers a second; starting many responses or guessing passwords is not typing. */
    public static final RateLimits DEFAULTS = new RateLimits(true, Map.of(
            ApiRoute.RateLimit.START, 30, ApiRoute.RateLimit.ANSWER, 1200, ApiRoute.RateLimit.LOGIN, 10));
    public static final RateLimits OFF = new RateLimits(false, DEFAULTS.perMinute);

    public RateLimits {
        perMinute = Map.copyOf(perMinute);
    }

    /** Parses the variable, adding one line to {@code problems} per mistake. */
    public static RateLimits parse(String raw, List<String> problems) {
        if (raw == null || raw.isBlank() || raw.trim().equalsIgnoreCase("on")) {
            return DEFAULTS;
        }
        if (raw.trim().equalsIgnoreCase("off")) {
            return OFF;
        }
        Map<ApiRoute.RateLimit, Integer> limits = new EnumMap<>(DEFAULTS.perMinute);
        for (String part : raw.split(",")) {
            String[] kv = part.split("=", 2);
            try {
                ApiRoute.RateLimit bucket = ApiRoute.RateLimit.valueOf(kv[0].trim().toUpperCase(Locale.ROOT));
                int n = Integer.parseInt(kv.length == 2 ? kv[1].trim() : "");
                if (n < 1) {
                    throw new NumberFormatException();
                }
                limits.put(bucket, n);
            } catch (IllegalArgumentException e) {
                problems.add("LIVESURVEY_RATE_LIMITS must be 'off' or like 'start=30,answer=1200,login=10' "
                        + "(requests per minute, at least 1), got '" + part.trim() + "'");
            }
        }
        return new RateLimits(true, limits);
    }

    public int limit(ApiRoute.RateLimit bucket) {
        return perMinute.get(bucket);
    }
}
