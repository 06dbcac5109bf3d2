package livesurvey;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Settings from environment variables, with safe defaults (SPEC §4). */
public record Config(
        int port,
        String databaseUrl,
        String databaseUser,
        String databasePassword,
        boolean production,
        String adminPassword,
        livesurvey.web.RateLimits rateLimits,
        livesurvey.web.TrustedProxies trustedProxies,
        String readDatabaseUrl,
        java.time.Duration shutdownDelay,
        java.time.Duration feedRetention,
        Integer retentionDays,
        livesurvey.webhook.WebhookSettings webhooks) {

    /** How long the change feed keeps changes: how far back sync cursors and Last-Event-ID can resume. */
    static final java.time.Duration DEFAULT_FEED_RETENTION = java.time.Duration.ofDays(7);

    /** Tests and tools build a Config directly: no rate limits, so many requests from 127.0.0.1 are fine. */
    public Config(int port, String databaseUrl, String databaseUser, String databasePassword, boolean production,
                  String adminPassword) {
        this(port, databaseUrl, databaseUser, databasePassword, production, adminPassword, livesurvey.web.RateLimits.OFF);
    }

    public Config(int port, String databaseUrl, String databaseUser, String databasePassword, boolean production,
                  String adminPassword, livesurvey.web.RateLimits rateLimits) {
        this(port, databaseUrl, databaseUser, databasePassword, production, adminPassword, rateLimits,
                livesurvey.web.TrustedProxies.NONE, null, java.time.Duration.ZERO, DEFAULT_FEED_RETENTION, null,
                livesurvey.webhook.WebhookSettings.DEFAULTS);
    }

    /** The same configuration with other webhook settings (tests deliver to loopback, retry fast). */
    public Config withWebhooks(livesurvey.webhook.WebhookSettings settings) {
        return new Config(port, databaseUrl, databaseUser, databasePassword, production, adminPassword, rateLimits,
                trustedProxies, readDatabaseUrl, shutdownDelay, feedRetention, retentionDays, settings);
    }

    /** The same settings with proxies to trust for X-Forwarded-For. */
    public Config withTrustedProxies(livesurvey.web.TrustedProxies proxies) {
        return new Config(port, databaseUrl, databaseUser, databasePassword, production, adminPassword, rateLimits,
                proxies, readDatabaseUrl, shutdownDelay, feedRetention, retentionDays, webhooks);
    }

    /** The same settings with a replica for the dashboard's reads. */
    public Config withReadDatabaseUrl(String url) {
        return new Config(port, databaseUrl, databaseUser, databasePassword, production, adminPassword, rateLimits,
                trustedProxies, url, shutdownDelay, feedRetention, retentionDays, webhooks);
    }

    /** The same settings with a default retention period for responses (days; null: keep until deleted). */
    public Config withRetentionDays(Integer days) {
        return new Config(port, databaseUrl, databaseUser, databasePassword, production, adminPassword, rateLimits,
                trustedProxies, readDatabaseUrl, shutdownDelay, feedRetention, days, webhooks);
    }

    static final String DEFAULT_DATABASE_URL =
            "jdbc:h2:file:./data/livesurvey;MODE=MySQL;DATABASE_TO_LOWER=TRUE;WRITE_DELAY=0";

    /** Reads the configuration, failing with one line per problem. */
    public static Config fromEnv(Map<String, String> env) {
        List<String> problems = new ArrayList<>();
        int port = parsePort(env.getOrDefault("PORT", "7070"), problems);
        String url = env.getOrDefault("DATABASE_URL", DEFAULT_DATABASE_URL).trim();
        if (!url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:mysql:") && !url.startsWith("jdbc:mariadb:")) {
            problems.add("DATABASE_URL must start with jdbc:mysql:// (MySQL 8 / MariaDB) or jdbc:h2:, got '" + url + "'");
        }
        if (url.startsWith("jdbc:mariadb:")) {
            url = "jdbc:mysql:" + url.substring("jdbc:mariadb:".length());
        }
        String envName = env.getOrDefault("LIVESURVEY_ENV", "development").trim().toLowerCase();
        if (!envName.equals("development") && !envName.equals("production") && !envName.equals("test")) {
            problems.add("LIVESURVEY_ENV must be development, test or production, got '" + envName + "'");
        }
        var rateLimits = livesurvey.web.RateLimits.parse(env.get("LIVESURVEY_RATE_LIMITS"), problems);
        var trustedProxies = livesurvey.web.TrustedProxies.parse(env.get("LIVESURVEY_TRUSTED_PROXIES"), problems);
        String readUrl = env.get("DATABASE_READ_URL");
        readUrl = readUrl == null || readUrl.isBlank() ? null : readUrl.trim().replaceFirst("^jdbc:mariadb:", "jdbc:mysql:");
        if (readUrl != null && !readUrl.startsWith("jdbc:mysql:") && !readUrl.startsWith("jdbc:h2:")) {
            problems.add("DATABASE_READ_URL must start with jdbc:mysql:// (a MySQL/MariaDB replica), got '" + readUrl + "'");
        }
        String adminPassword = env.get("LIVESURVEY_ADMIN_PASSWORD");
        if (adminPassword != null && adminPassword.isBlank()) {
            adminPassword = null;
        }
        if (adminPassword != null && adminPassword.length() < 8) {
            problems.add("LIVESURVEY_ADMIN_PASSWORD must be at least 8 characters long");
        }
        if (adminPassword == null && envName.equals("production")) {
            problems.add("LIVESURVEY_ADMIN_PASSWORD must be set in production (the first admin's password)");
        }
        int delay = parseSeconds(env.getOrDefault("LIVESURVEY_SHUTDOWN_DELAY", "0"), problems);
        java.time.Duration feedRetention = parseDuration("LIVESURVEY_FEED_RETENTION",
                env.get("LIVESURVEY_FEED_RETENTION"), DEFAULT_FEED_RETENTION, problems);
        Integer retentionDays = parseRetentionDays(env.get("LIVESURVEY_RETENTION_DAYS"), problems);
        String allowPrivate = env.getOrDefault("LIVESURVEY_WEBHOOKS_ALLOW_PRIVATE", "false").trim();
        if (!allowPrivate.equals("true") && !allowPrivate.equals("false")) {
            problems.add("LIVESURVEY_WEBHOOKS_ALLOW_PRIVATE must be true or false, got '" + allowPrivate + "'");
        }
        if (!problems.isEmpty()) {
            throw new StartupException(String.join("; ", problems));
        }
        return new Config(port, url,
                env.getOrDefault("DATABASE_USER", url.startsWith("jdbc:h2:") ? "sa" : "root"),
                env.getOrDefault("DATABASE_PASSWORD", ""),
                envName.equals("production"), adminPassword, rateLimits, trustedProxies, readUrl,
                java.time.Duration.ofSeconds(delay), feedRetention, retentionDays,
                livesurvey.webhook.WebhookSettings.DEFAULTS.withAllowPrivate(allowPrivate.equals("true")));
    }

    /** Days to keep responses of surveys without a setting of their own; unset or empty: keep them. */
    private static Integer parseRetentionDays(String raw, List<String> problems) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            int days = Integer.parseInt(raw.trim());
            if (days >= 1 && days <= livesurvey.retention.Retention.MAX_DAYS) {
                return days;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        problems.add("LIVESURVEY_RETENTION_DAYS must be a whole number of days from 1 to "
                + livesurvey.retention.Retention.MAX_DAYS + ", got '" + raw + "'");
        return null;
    }

    /** A duration as 90s, 30m, 12h, 7d, or ISO-8601 (P7D); at least a minute. */
    static java.time.Duration parseDuration(String name, String raw, java.time.Duration fallback, List<String> problems) {
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        String v = raw.trim().toLowerCase();
        try {
            java.time.Duration d;
            if (v.matches("\\d+[smhd]")) {
                long n = Long.parseLong(v.substring(0, v.length() - 1));
                d = switch (v.charAt(v.length() - 1)) {
                    case 's' -> java.time.Duration.ofSeconds(n);
                    case 'm' -> java.time.Duration.ofMinutes(n);
                    case 'h' -> java.time.Duration.ofHours(n);
                    default -> java.time.Duration.ofDays(n);
                };
            } else {
                d = java.time.Duration.parse(v.toUpperCase());
            }
            if (d.compareTo(java.time.Duration.ofMinutes(1)) >= 0) {
                return d;
            }
        } catch (RuntimeException ignored) {
            // reported below
        }
        problems.add(name + " must be a duration of at least a minute such as 90m, 12h or 7d, got '" + raw + "'");
        return fallback;
    }

    @Override
    public String toString() {
        // Never print the passwords.
        return "Config[port=" + port + ", databaseUrl=" + databaseUrl + ", production=" + production + "]";
    }

    boolean isH2() {
        return databaseUrl.startsWith("jdbc:h2:");
    }

    private static int parseSeconds(String raw, List<String> problems) {
        try {
            int seconds = Integer.parseInt(raw.trim());
            if (seconds >= 0 && seconds <= 300) {
                return seconds;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        problems.add("LIVESURVEY_SHUTDOWN_DELAY must be a number of seconds from 0 to 300, got '" + raw + "'");
        return 0;
    }

    private static int parsePort(String raw, List<String> problems) {
        try {
            int port = Integer.parseInt(raw.trim());
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        problems.add("PORT must be a number from 0 to 65535, got '" + raw + "'");
        return 0;
    }
}
