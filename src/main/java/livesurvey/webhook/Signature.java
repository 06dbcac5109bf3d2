package livesurvey.webhook;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The {@code LiveSurvey-Signature} header, the scheme Stripe uses: {@code t=<unix seconds>,v1=<hex
 * HMAC-SHA256 with the endpoint's secret over "<t>.<raw body>">}. The timestamp inside the signed
 * text lets a receiver refuse replays of an old delivery.
 */
public final class Signature {
    public static final String HEADER = "LiveSurvey-Signature";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Signature() {
    }

    /** A new endpoint secret: 32 random bytes. */
    static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The header value for a body sent at {@code unixSeconds}. */
    public static String header(String secret, long unixSeconds, byte[] body) {
        return "t=" + unixSeconds + ",v1=" + hmac(secret, unixSeconds, body);
    }

    /** Hex HMAC-SHA256 with the secret over "t.body". */
    public static String hmac(String secret, long unixSeconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((unixSeconds + ".").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
        }
    }
}
