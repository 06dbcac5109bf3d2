package livesurvey.web;

import io.javalin.http.Context;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * The client's address behind the proxies we trust (LIVESURVEY_TRUSTED_PROXIES: addresses and
 * CIDR ranges). X-Forwarded-For is believed only when the connection comes from a trusted proxy,
 * and then read from the right: each trusted hop is skipped, and the first address that is not a
 * trusted proxy is the client. Anything further left was written by the client and proves nothing.
 */
public final class TrustedProxies {
    public static final TrustedProxies NONE = new TrustedProxies(List.of());
    private static final String ATTRIBUTE = "livesurvey.clientAddress";

    private final List<Range> ranges;

    private TrustedProxies(List<Range> ranges) {
        this.ranges = ranges;
    }

    /** Parses "10.0.0.0/8, 127.0.0.1, ::1"; a bad entry adds a problem. Blank or absent: none. */
    public static TrustedProxies parse(String raw, List<String> problems) {
        if (raw == null || raw.isBlank()) {
            return NONE;
        }
        List<Range> ranges = new ArrayList<>();
        for (String entry : raw.split(",")) {
            String e = entry.strip();
            if (e.isEmpty()) {
                continue;
            }
            try {
                ranges.add(Range.parse(e));
            } catch (IllegalArgumentException | UnknownHostException bad) {
                problems.add("LIVESURVEY_TRUSTED_PROXIES: '" + e + "' is not an IP address or CIDR range (like 10.0.0.0/8)");
            }
        }
        return new TrustedProxies(List.copyOf(ranges));
    }

    /** The address of the client this request is from, as rate limits and request logs should see it. */
    public String clientAddress(Context ctx) {
        String known = ctx.attribute(ATTRIBUTE);
        if (known != null) {
            return known;
        }
        String client = resolve(ctx.req().getRemoteAddr(), ctx.req().getHeaders("X-Forwarded-For"));
        ctx.attribute(ATTRIBUTE, client);
        return client;
    }

    String resolve(String peer, java.util.Enumeration<String> forwardedHeaders) {
        if (ranges.isEmpty() || !trusted(peer) || forwardedHeaders == null) {
            return peer;
        }
        List<String> hops = new ArrayList<>();
        while (forwardedHeaders.hasMoreElements()) {
            for (String hop : forwardedHeaders.nextElement().split(",")) {
                if (!hop.isBlank()) {
                    hops.add(hop.strip());
                }
            }
        }
        String client = peer;
        for (int i = hops.size() - 1; i >= 0; i--) {
            String hop = hops.get(i);
            if (!looksLikeAddress(hop)) {
                return client;
            }
            client = hop;
            if (!trusted(hop)) {
                return hop;
            }
        }
        return client;
    }

    private boolean trusted(String address) {
        byte[] bytes = bytes(address);
        return bytes != null && ranges.stream().anyMatch(r -> r.contains(bytes));
    }

    private static boolean looksLikeAddress(String s) {
        return bytes(s) != null;
    }

    /** Literal addresses only: never a DNS look-up for a header's value. */
    private static byte[] bytes(String address) {
        if (address == null || address.isEmpty() || !address.matches("[0-9A-Fa-f:.]+")) {
            return null;
        }
        try {
            return InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private record Range(byte[] network, int prefix) {
        static Range parse(String s) throws UnknownHostException {
            int slash = s.indexOf('/');
            byte[] network = bytes(slash < 0 ? s : s.substring(0, slash));
            if (network == null) {
                throw new IllegalArgumentException(s);
            }
            int prefix = slash < 0 ? network.length * 8 : Integer.parseInt(s.substring(slash + 1));
            if (prefix < 0 || prefix > network.length * 8) {
                throw new IllegalArgumentException(s);
            }
            return new Range(network, prefix);
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = 0xFF << (8 - rest) & 0xFF;
            return (address[full] & mask) == (network[full] & mask);
        }
    }
}
