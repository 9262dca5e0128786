package io.mosaic.manifest;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/**
 * Hosts that are addresses, however they are spelt. IPv4 is read with {@code inet_aton}'s rules,
 * as C resolvers, curl and browsers read it: one to four parts, each decimal, octal (leading
 * {@code 0}) or hex ({@code 0x}); the last part fills the remaining bytes. So {@code 2130706433},
 * {@code 0177.0.0.1}, {@code 0x7f.1} and {@code 127.1} are all 127.0.0.1. Java's URI and
 * InetAddress read some of these as names (or as other addresses: URI takes {@code 0177} for
 * 177), so the policy never lets them decide. IPv6 literals may be bracketed and carry a zone id.
 * The manifest's validator and the gateway's origin policy read hosts with this one class.
 */
public final class NumericHost {

    private NumericHost() {
    }

    /** The address {@code host} spells, or empty when it is a name (or a spelling that is no address, see {@link #looksNumeric}). */
    public static Optional<InetAddress> parse(String host) {
        String h = unbracket(host);
        if (h.indexOf(':') >= 0) {
            return ipv6(h);
        }
        return ipv4(h).map(InetAddress.class::cast);
    }

    /**
     * Whether {@code host} ends in a number (the URL standard's test for an IPv4 host): such a
     * host is an address or invalid, never a name to look up.
     */
    public static boolean looksNumeric(String host) {
        String h = unbracket(host);
        if (h.indexOf(':') >= 0) {
            return true;
        }
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        String last = h.substring(h.lastIndexOf('.') + 1);
        if (last.isEmpty()) {
            return false;
        }
        if (last.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return true;
        }
        return (last.startsWith("0x") || last.startsWith("0X"))
                && last.substring(2).chars().allMatch(c -> Character.digit(c, 16) >= 0 && c < 128);
    }

    /** {@code inet_aton}: 1 to 4 parts; a, a.b (8.24 bits), a.b.c (8.8.16), a.b.c.d (8 bits each). One trailing dot is allowed. */
    public static Optional<Inet4Address> ipv4(String host) {
        String h = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        if (h.isEmpty()) {
            return Optional.empty();
        }
        String[] parts = h.split("\\.", -1);
        if (parts.length > 4) {
            return Optional.empty();
        }
        long address = 0;
        for (int i = 0; i < parts.length; i++) {
            long value = number(parts[i]);
            boolean last = i == parts.length - 1;
            long max = last ? (1L << (8 * (4 - i))) - 1 : 255;
            if (value < 0 || value > max) {
                return Optional.empty();
            }
            address |= last ? value : value << (24 - 8 * i);
        }
        byte[] bytes = {(byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8), (byte) address};
        try {
            return Optional.of((Inet4Address) InetAddress.getByAddress(bytes));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are always an address", e);
        }
    }

    /** One part of an IPv4 spelling, or -1 when it is not a number (or is past 32 bits). */
    private static long number(String part) {
        if (part.isEmpty()) {
            return -1;
        }
        int radix = 10;
        String digits = part;
        if (part.startsWith("0x") || part.startsWith("0X")) {
            radix = 16;
            digits = part.substring(2);
            if (digits.isEmpty()) {
                return 0; // "0x" alone is 0 to inet_aton and to browsers
            }
        } else if (part.length() > 1 && part.charAt(0) == '0') {
            radix = 8;
            digits = part.substring(1);
        }
        long value = 0;
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            int digit = c < 128 ? Character.digit(c, radix) : -1;
            if (digit < 0) {
                return -1;
            }
            value = value * radix + digit;
            if (value > 0xFFFF_FFFFL) {
                return -1;
            }
        }
        return value;
    }

    /**
     * An IPv6 literal, zone id dropped, read by the JDK's parser (which never asks DNS for a host
     * with a colon). IPv4-mapped addresses stay {@link Inet6Address}es (the JDK turns them into
     * IPv4 ones) so that a refusal can say how the address was written.
     */
    private static Optional<InetAddress> ipv6(String host) {
        int zone = host.indexOf('%');
        String literal = zone >= 0 ? host.substring(0, zone) : host;
        if (literal.isEmpty() || !literal.chars().allMatch(c -> c == ':' || c == '.' || (c < 128 && Character.digit(c, 16) >= 0))) {
            return Optional.empty();
        }
        try {
            InetAddress address = InetAddress.getByName("[" + literal + "]");
            if (address instanceof Inet4Address) {
                byte[] mapped = new byte[16];
                mapped[10] = (byte) 0xFF;
                mapped[11] = (byte) 0xFF;
                System.arraycopy(address.getAddress(), 0, mapped, 12, 4);
                return Optional.of(Inet6Address.getByAddress(null, mapped, -1));
            }
            return Optional.of(address);
        } catch (UnknownHostException e) {
            return Optional.empty(); // not a valid literal
        }
    }

    private static String unbracket(String host) {
        return host.length() > 1 && host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}
