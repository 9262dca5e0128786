package io.mosaic.gateway.origin;

import io.netty.util.NetUtil;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * What kind of address an origin is on, as far as server-side request forgery goes: only
 * {@link #PUBLIC} ones may be called for a team without the operator's say-so. IPv6 addresses
 * that carry an IPv4 one (mapped {@code ::ffff:a.b.c.d}, compatible {@code ::a.b.c.d}, NAT64
 * {@code 64:ff9b::/96}, 6to4 {@code 2002::/16}, Teredo {@code 2001::/32}) are judged by the IPv4
 * address they reach.
 */
public enum AddressClass {
    PUBLIC("a public address"),
    UNSPECIFIED("an unspecified address"),
    LOOPBACK("a loopback address"),
    PRIVATE("a private address"),
    LINK_LOCAL("a link-local address"),
    CARRIER_GRADE_NAT("a carrier-grade NAT address"),
    UNIQUE_LOCAL("a unique-local address"),
    CLOUD_METADATA("a cloud metadata address"),
    MULTICAST("a multicast address"),
    BROADCAST("the broadcast address"),
    DOCUMENTATION("a documentation address"),
    BENCHMARK("a benchmarking address"),
    RESERVED("a reserved address");

    private final String description;

    AddressClass(String description) {
        this.description = description;
    }

    /** How a refusal names the class: "a loopback address". */
    public String description() {
        return description;
    }

    public boolean isPublic() {
        return this == PUBLIC;
    }

    /** The class of {@code address}; for an IPv6 address carrying an IPv4 one, the class of that one. */
    public static AddressClass of(InetAddress address) {
        if (address instanceof Inet4Address) {
            return ipv4(toInt(address.getAddress(), 0));
        }
        Inet4Address embedded = embeddedIpv4(address);
        if (embedded != null) {
            return ipv4(toInt(embedded.getAddress(), 0));
        }
        return ipv6(address.getAddress());
    }

    /** "127.0.0.1, a loopback address", or for an address that carries another, "::ffff:7f00:1 (IPv4-mapped 127.0.0.1), a loopback address". */
    public static String describe(InetAddress address) {
        String text = NetUtil.toAddressString(address); // compressed IPv6 (::1), without a zone id
        Inet4Address embedded = embeddedIpv4(address);
        if (embedded != null) {
            text += " (" + embedding(address.getAddress()) + " " + embedded.getHostAddress() + ")";
        }
        return text + ", " + of(address).description();
    }

    private static AddressClass ipv4(int a) {
        if (in(a, 0x00000000, 8)) {
            return UNSPECIFIED; // 0.0.0.0/8, "this network": Linux connects 0.0.0.0 to the local host
        }
        if (in(a, 0x7F000000, 8)) {
            return LOOPBACK;
        }
        if (a == 0xA9FEA9FE || a == 0xA9FEAA02 || a == 0x646464C8) {
            return CLOUD_METADATA; // 169.254.169.254 (AWS, GCP, Azure...), 169.254.170.2 (AWS ECS), 100.100.100.200 (Alibaba)
        }
        if (in(a, 0x0A000000, 8) || in(a, 0xAC100000, 12) || in(a, 0xC0A80000, 16)) {
            return PRIVATE;
        }
        if (in(a, 0xA9FE0000, 16)) {
            return LINK_LOCAL;
        }
        if (in(a, 0x64400000, 10)) {
            return CARRIER_GRADE_NAT;
        }
        if (in(a, 0xC0000200, 24) || in(a, 0xC6336400, 24) || in(a, 0xCB007100, 24)) {
            return DOCUMENTATION; // 192.0.2/24, 198.51.100/24, 203.0.113/24
        }
        if (in(a, 0xC6120000, 15)) {
            return BENCHMARK; // 198.18/15
        }
        if (a == 0xFFFFFFFF) {
            return BROADCAST;
        }
        if (in(a, 0xE0000000, 4)) {
            return MULTICAST;
        }
        if (in(a, 0xF0000000, 4) || in(a, 0xC0000000, 24) || in(a, 0xC0586300, 24)) {
            return RESERVED; // 240/4, 192.0.0/24 (protocol assignments), 192.88.99/24 (old 6to4 relays)
        }
        return PUBLIC;
    }

    private static AddressClass ipv6(byte[] b) {
        int first = toInt(b, 0);
        if (isZero(b, 0, 15) && b[15] == 0) {
            return UNSPECIFIED;
        }
        if (isZero(b, 0, 15) && b[15] == 1) {
            return LOOPBACK;
        }
        if (first == 0xFD000EC2 && isZero(b, 4, 14) && b[14] == 0x02 && b[15] == 0x54) {
            return CLOUD_METADATA; // fd00:ec2::254 (AWS's IPv6 metadata service)
        }
        if ((b[0] & 0xFE) == 0xFC) {
            return UNIQUE_LOCAL; // fc00::/7
        }
        if ((b[0] & 0xFF) == 0xFE && (b[1] & 0xC0) == 0x80) {
            return LINK_LOCAL; // fe80::/10
        }
        if ((b[0] & 0xFF) == 0xFE && (b[1] & 0xC0) == 0xC0) {
            return PRIVATE; // fec0::/10, the deprecated site-local range
        }
        if ((b[0] & 0xFF) == 0xFF) {
            return MULTICAST;
        }
        if (first == 0x0064FF9B && toInt(b, 4) >>> 16 == 0x0001) {
            return PRIVATE; // 64:ff9b:1::/48, NAT64 for local use
        }
        if (first == 0x20010DB8 || (first & 0xFFFFF000) == 0x3FFF0000) {
            return DOCUMENTATION; // 2001:db8::/32, 3fff::/20
        }
        if (first == 0x20010002 && (toInt(b, 4) >>> 16) == 0) {
            return BENCHMARK; // 2001:2::/48
        }
        if ((first & 0xFFFFFE00) == 0x20010000) {
            return RESERVED; // 2001::/23, protocol assignments (Teredo is judged by its IPv4 before this)
        }
        if ((b[0] & 0xE0) != 0x20) {
            return RESERVED; // outside 2000::/3, the only global unicast range allocated
        }
        return PUBLIC;
    }

    /** The IPv4 address an IPv6 address carries, or null. */
    static Inet4Address embeddedIpv4(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return null;
        }
        byte[] b = address.getAddress();
        String kind = embedding(b);
        if (kind == null) {
            return null;
        }
        byte[] v4 = switch (kind) {
            case "6to4" -> new byte[] {b[2], b[3], b[4], b[5]};
            case "Teredo" -> new byte[] {(byte) ~b[12], (byte) ~b[13], (byte) ~b[14], (byte) ~b[15]};
            default -> new byte[] {b[12], b[13], b[14], b[15]};
        };
        try {
            return (Inet4Address) InetAddress.getByAddress(v4);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are always an address", e);
        }
    }

    private static String embedding(byte[] b) {
        int first = toInt(b, 0);
        if (isZero(b, 0, 10) && (b[10] & 0xFF) == 0xFF && (b[11] & 0xFF) == 0xFF) {
            return "IPv4-mapped";
        }
        if (isZero(b, 0, 12) && !(isZero(b, 12, 15) && (b[15] == 0 || b[15] == 1))) {
            return "IPv4-compatible"; // ::a.b.c.d, but not :: or ::1
        }
        if (first == 0x0064FF9B && isZero(b, 4, 12)) {
            return "NAT64";
        }
        if ((first >>> 16) == 0x2002) {
            return "6to4";
        }
        if (first == 0x20010000) {
            return "Teredo";
        }
        return null;
    }

    private static boolean in(int address, int network, int prefix) {
        int mask = prefix == 0 ? 0 : -1 << (32 - prefix);
        return (address & mask) == network;
    }

    /** Whether bytes {@code from} (inclusive) to {@code to} (exclusive) are all zero. */
    private static boolean isZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static int toInt(byte[] b, int offset) {
        return (b[offset] & 0xFF) << 24 | (b[offset + 1] & 0xFF) << 16 | (b[offset + 2] & 0xFF) << 8 | (b[offset + 3] & 0xFF);
    }
}
