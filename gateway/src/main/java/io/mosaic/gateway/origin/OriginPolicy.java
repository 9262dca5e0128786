package io.mosaic.gateway.origin;

import io.mosaic.manifest.NumericHost;
import io.mosaic.manifest.Origin;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Which origins the gateway may call: the one policy that the registration API asks when a team
 * registers a fragment (write time) and that the fragment and proxy clients ask before every new
 * connection (connect time), so the two can never disagree. Like jsoup's {@code Safelist}, it
 * only answers questions; the callers act.
 *
 * <p>Server-side request forgery is the risk: a team could register a URL that makes the gateway
 * call its own loopback, the private network or the cloud metadata service. So an origin must be
 * on public addresses only, unless the operator allowed it by name
 * ({@code mosaic.registry.allowed-origins}) or it is trusted (the operator's own manifest file).
 * Write time judges every address the host resolves to then; connect time judges the address
 * actually connected to, which catches a name re-pointed after registration (DNS rebinding).
 * Numeric host spellings are read here ({@link NumericHost}), never by DNS.
 */
public final class OriginPolicy {

    /** The property that lists the operator's allowed origins. */
    public static final String ALLOWED_ORIGINS_PROPERTY = "mosaic.registry.allowed-origins";

    private final Set<String> allowed;
    private final HostResolver resolver;
    private final Supplier<Set<String>> trusted;

    /**
     * @param allowedOrigins origins the operator allows whatever they resolve to, as
     *        {@code scheme://host[:port]}; normalised here
     * @param resolver resolves host names (numeric spellings never reach it)
     * @param trustedOrigins the origins of the operator's manifest file, normalised
     *        ({@link Origin#of}); asked at every connect
     * @throws IllegalArgumentException naming an allowed origin that is not {@code scheme://host[:port]}
     */
    public OriginPolicy(List<String> allowedOrigins, HostResolver resolver, Supplier<Set<String>> trustedOrigins) {
        Set<String> normalised = new LinkedHashSet<>();
        for (String origin : allowedOrigins == null ? List.<String>of() : allowedOrigins) {
            normalised.add(Origin.parse(origin));
        }
        this.allowed = Set.copyOf(normalised);
        this.resolver = resolver;
        this.trusted = trustedOrigins;
    }

    /** The allowed origins, normalised. */
    public Set<String> allowedOrigins() {
        return allowed;
    }

    /**
     * Why {@code url} may not be registered, or empty when it may: it is http(s) and its origin
     * is allowed, or every address its host resolves to now is public. Resolves the host, so it
     * blocks: call it off the event loops.
     */
    public Optional<String> refusal(URI url) {
        String origin;
        try {
            origin = Origin.of(url);
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage() + "; registered fragments must be http or https URLs with a host");
        }
        if (allowed.contains(origin)) {
            return Optional.empty();
        }
        String host = Origin.host(url);
        List<InetAddress> addresses;
        try {
            addresses = addresses(host);
        } catch (OriginRefusedException e) {
            return Optional.of(e.getMessage());
        } catch (UnknownHostException e) {
            return Optional.of("host '" + host + "' does not resolve; registered origins must resolve to public addresses");
        }
        for (InetAddress address : addresses) {
            AddressClass addressClass = AddressClass.of(address);
            if (!addressClass.isPublic()) {
                return Optional.of("host '" + host + "' " + (NumericHost.looksNumeric(host) ? "is " : "resolves to ")
                        + AddressClass.describe(address) + "; registered origins must be public (an operator may allow "
                        + origin + " with " + ALLOWED_ORIGINS_PROPERTY + ")");
            }
        }
        return Optional.empty();
    }

    /**
     * Why the gateway may not open a connection to {@code address} for {@code scheme://host:port},
     * or empty when it may: the origin is allowed or trusted, or the address is public. Does not
     * resolve anything.
     */
    public Optional<String> connectRefusal(String host, int port, String scheme, InetAddress address) {
        String origin = Origin.of(scheme, host, port);
        if (allowed.contains(origin) || trusted.get().contains(origin)) {
            return Optional.empty();
        }
        AddressClass addressClass = AddressClass.of(address);
        if (addressClass.isPublic()) {
            return Optional.empty();
        }
        return Optional.of("origin " + origin + ": host '" + host + "' " + (NumericHost.looksNumeric(host) ? "is " : "resolves to ")
                + AddressClass.describe(address) + "; only public addresses are called unless the origin is allowed with "
                + ALLOWED_ORIGINS_PROPERTY);
    }

    /**
     * {@link #connectRefusal} for a caller that does not know the scheme (Netty's name
     * resolution): the origin counts as allowed or trusted when it is under either scheme. The
     * connect-time check that follows knows the scheme and judges exactly.
     */
    Optional<String> connectRefusal(String host, int port, InetAddress address) {
        Optional<String> asHttp = connectRefusal(host, port, "http", address);
        return asHttp.isEmpty() ? asHttp : connectRefusal(host, port, "https", address).isEmpty() ? Optional.empty() : asHttp;
    }

    /**
     * The addresses a connection to {@code host} would go to: the address itself for a numeric
     * spelling, otherwise whatever the resolver answers now.
     *
     * @throws OriginRefusedException when the host ends in a number but is no valid address
     * @throws UnknownHostException when the name does not resolve
     */
    public List<InetAddress> addresses(String host) throws UnknownHostException {
        Optional<InetAddress> literal = NumericHost.parse(host);
        if (literal.isPresent()) {
            return List.of(literal.get());
        }
        if (NumericHost.looksNumeric(host)) {
            throw new OriginRefusedException("host '" + host + "' is written like a numeric address but is not a valid one;"
                    + " use a host name or a dotted IPv4 or IPv6 address");
        }
        List<InetAddress> addresses = resolver.resolve(host);
        if (addresses == null || addresses.isEmpty()) {
            throw new UnknownHostException(host);
        }
        return addresses;
    }
}
