package livesurvey.webhook;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Server-side request forgery guard: a webhook may not reach this machine or the private network
 * around it (loopback, private, link-local such as cloud metadata at 169.254.169.254, unique-local
 * IPv6, carrier-grade NAT, unspecified, multicast). Every address the host resolves to is checked,
 * at registration and again before each delivery (the DNS answer may have changed).
 */
final class AddressGuard {
    private final boolean allowPrivate;

    AddressGuard(boolean allowPrivate) {
        this.allowPrivate = allowPrivate;
    }

    /** Why this URL may not be used, or empty when it may. */
    Optional<String> refusal(URI uri) {
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
            return Optional.of("The URL must start with https:// or http://");
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            return Optional.of("The URL must name a host");
        }
        if (uri.getRawUserInfo() != null) {
            return Optional.of("The URL must not contain a user name or password");
        }
        if (allowPrivate) {
            return Optional.empty();
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            return Optional.of("The host " + host + " cannot be resolved");
        }
        for (InetAddress address : addresses) {
            if (isPrivate(address)) {
                return Optional.of("The host " + host + " resolves to " + address.getHostAddress()
                        + ", a loopback, private or link-local address; webhooks go to public addresses only");
            }
        }
        return Optional.empty();
    }

    static boolean isPrivate(InetAddress a) {
        if (a.isLoopbackAddress() || a.isAnyLocalAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress()
                || a.isMulticastAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet6Address) {
            // fc00::/7 unique-local; ::ffff:a.b.c.d mapped IPv4 is returned as an Inet4Address by Java.
            return (b[0] & 0xfe) == 0xfc;
        }
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        return first == 0                                   // 0.0.0.0/8 "this network"
                || (first == 100 && second >= 64 && second < 128) // 100.64.0.0/10 carrier-grade NAT
                || (first == 192 && second == 0 && (b[2] & 0xff) == 0) // 192.0.0.0/24 protocol assignments
                || (first == 198 && (second == 18 || second == 19)) // 198.18.0.0/15 benchmarking
                || first >= 240;                            // reserved and broadcast
    }
}
