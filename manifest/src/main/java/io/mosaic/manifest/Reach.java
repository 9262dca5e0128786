package io.mosaic.manifest;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What of the browser's request may reach a fragment's origin, and what of an origin's answer
 * may reach the browser: the one list that the manifest's validator, the gateway's page fetches
 * and its proxy all ask, so that they never disagree (Tailor's {@code filter-headers.js}, and
 * spring-cloud-gateway's one {@code HttpHeadersFilter} list applied by every route).
 *
 * <p>Forwarding is by allow-list: a page fetch carries {@link #PAGE_FETCH}, a proxied call
 * {@link #PROXY_REQUEST}, and both add the headers and cookies the fragment declares in
 * {@code forward}. What a fragment may declare depends on the header's {@link Kind}:
 *
 * <table>
 *   <caption>Who may declare a request header in forward.headers</caption>
 *   <tr><th>kind</th><th>headers</th><th>a fragment of the manifest file</th><th>a registered fragment</th></tr>
 *   <tr><td>{@link Kind#NEVER}</td><td>{@link #NEVER}, {@code Proxy-*}</td><td>no</td><td>no</td></tr>
 *   <tr><td>{@link Kind#CREDENTIAL}</td><td>{@link #CREDENTIALS}, other {@code X-Auth-Request-*},
 *       other {@code X-Forwarded-*}</td><td>yes (the operator's own file)</td>
 *       <td>only when the operator grants it to the team:
 *       {@code mosaic.registry.teams.TEAM.may-receive=NAME}</td></tr>
 *   <tr><td>{@link Kind#IDENTITY}</td><td>{@link #IDENTITY}</td><td>yes</td><td>yes</td></tr>
 *   <tr><td>{@link Kind#OTHER}</td><td>any other token</td><td>yes</td><td>yes</td></tr>
 * </table>
 *
 * <p>Cookies ({@code forward.cookies}) are declared by exact name; the gateway's own cookies
 * ({@code mosaic-*} and its console session cookie) reach a registered fragment only when granted
 * the same way. Every {@code *Problem} method returns the reason in words, or empty.
 */
public final class Reach {

    /** What a request header is, for whoever declares it. */
    public enum Kind {
        /** The gateway owns it: no fragment may declare it (Host, framing, hop-by-hop, {@code Proxy-*}, Cookie). */
        NEVER,
        /**
         * The user's credentials or connection: the operator's manifest file may declare it for
         * its fragments; a registered fragment only when the operator grants it to the team.
         */
        CREDENTIAL,
        /** Who the user is, as an SSO proxy in front of the gateway says: any fragment may declare it. */
        IDENTITY,
        /** Any other header: any fragment may declare it. */
        OTHER
    }

    /**
     * The request headers every page fetch carries without a declaration, lowercase: the user's
     * language and browser, the page that linked here, and tracing. Nothing that identifies the user.
     */
    public static final List<String> PAGE_FETCH = List.of(
            "accept-language", "user-agent", "referer", "traceparent", "tracestate", "x-request-id");

    /**
     * The request headers every proxied call passes on without a declaration, lowercase: content
     * negotiation, the body's framing and type, conditional and range requests, and tracing. Not
     * {@code Referer} or {@code Origin} (the page's URL and the gateway's origin say nothing a
     * team needs), not credentials.
     */
    public static final Set<String> PROXY_REQUEST = ordered(
            "accept", "accept-encoding", "accept-language", "content-type", "content-length", "content-language",
            "if-match", "if-none-match", "if-modified-since", "if-unmodified-since", "if-range",
            "range", "cache-control", "pragma", "user-agent", "traceparent", "tracestate", "x-request-id");

    /**
     * The answer headers a proxied answer keeps, lowercase: what describes the content and its
     * caching, plus {@code Allow} and {@code Retry-After} on refusals. {@code Set-Cookie} (declared
     * cookies only) and {@code Location} (into the fragment's own routes only) are judged apart.
     */
    public static final Set<String> PROXY_ANSWER = ordered(
            "content-type", "content-length", "content-encoding", "content-language", "content-disposition",
            "content-range", "accept-ranges", "cache-control", "etag", "last-modified", "expires", "age", "vary",
            "allow", "retry-after", "x-content-type-options", "x-request-id", "x-fragment-version");

    private static final String FRAMING = "it frames the message, and the gateway frames the request it forwards";
    private static final String HOP_BY_HOP = "it is a hop-by-hop header: it describes one connection and never travels further";

    /**
     * The request headers no fragment may declare, lowercase, each with the reason; every
     * {@code proxy-*} header too ({@link #PROXY_REASON}).
     */
    public static final Map<String, String> NEVER = pairs(
            "host", "the gateway sets Host to the fragment's origin",
            "content-length", FRAMING,
            "transfer-encoding", FRAMING,
            "connection", HOP_BY_HOP,
            "keep-alive", HOP_BY_HOP,
            "upgrade", HOP_BY_HOP,
            "te", HOP_BY_HOP,
            "trailer", HOP_BY_HOP,
            "cookie", "it would hand the fragment every cookie of the gateway's domain; name the cookies it needs in forward.cookies");

    /** Why no fragment may declare a {@code Proxy-*} header. */
    public static final String PROXY_REASON = "Proxy-* headers are meant for the gateway itself and may carry its credentials";

    /**
     * Who the user is, as an SSO proxy (oauth2-proxy and the like) in front of the gateway sets
     * it, lowercase: any fragment may declare these.
     */
    public static final Set<String> IDENTITY = ordered("x-forwarded-user", "x-auth-request-user", "x-auth-request-email",
            "x-auth-request-groups", "x-auth-request-preferred-username");

    private static final String CONNECTION = "describes the user's connection (address, host, scheme) as the proxies in front "
            + "of the gateway saw it";

    /**
     * Credential-like request headers, lowercase, each with the reason, worded to follow
     * "header 'NAME' ". Every other {@code x-auth-request-*} ({@link #SSO_REASON}) and
     * {@code x-forwarded-*} ({@link #FORWARDED_REASON}) header not in {@link #IDENTITY} is one too.
     */
    public static final Map<String, String> CREDENTIALS = pairs(
            "authorization", "carries the user's credentials",
            "x-auth-request-access-token", "carries the user's SSO access token, a credential",
            "x-auth-request-id-token", "carries the user's SSO ID token, a credential",
            "forwarded", CONNECTION,
            "x-real-ip", "carries the user's network address");

    /** Why an {@code X-Auth-Request-*} header other than the identity ones is a credential. */
    public static final String SSO_REASON = "is set by the SSO proxy and may carry the user's credentials (only -User, -Email, "
            + "-Groups and -Preferred-Username are identity any fragment may receive)";

    /** Why an {@code X-Forwarded-*} header other than {@code X-Forwarded-User} is refused like a credential. */
    public static final String FORWARDED_REASON = CONNECTION + " (only X-Forwarded-User is identity any fragment may receive)";

    /** Every cookie whose name starts with this (in any case) is the gateway's own. */
    public static final String GATEWAY_COOKIE_PREFIX = "mosaic-";

    /** What a grant looks like, for the reason's words: {@code mosaic.registry.teams.TEAM.may-receive}. */
    public static final String GRANT_PROPERTY = "mosaic.registry.teams.%s.may-receive";

    /** An RFC 9110 token: a header name; an RFC 6265 cookie name is the same token. */
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    private Reach() {
    }

    /** The kind of the request header {@code name}, in any case. */
    public static Kind kind(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (NEVER.containsKey(lower) || lower.startsWith("proxy-")) {
            return Kind.NEVER;
        }
        if (IDENTITY.contains(lower)) {
            return Kind.IDENTITY;
        }
        if (CREDENTIALS.containsKey(lower) || lower.startsWith("x-auth-request-") || lower.startsWith("x-forwarded-")) {
            return Kind.CREDENTIAL;
        }
        return Kind.OTHER;
    }

    /**
     * Why any fragment, also one of the operator's manifest file, may not declare the request
     * header {@code name} in {@code forward.headers}, or empty: it is not a token, or it is
     * {@link Kind#NEVER}. The manifest's validator asks this of every fragment.
     */
    public static Optional<String> headerProblem(String name) {
        if (!TOKEN.matcher(name).matches()) {
            return Optional.of("'" + name + "' is not a header name: use letters, digits and !#$%&'*+-.^_`|~ (an RFC 9110 token)");
        }
        if (kind(name) != Kind.NEVER) {
            return Optional.empty();
        }
        String lower = name.toLowerCase(Locale.ROOT);
        String reason = lower.startsWith("proxy-") ? PROXY_REASON : NEVER.get(lower);
        return Optional.of("header '" + name + "' is never forwarded: " + reason);
    }

    /**
     * Why a fragment that team {@code team} registered may not declare the request header
     * {@code name}, or empty: {@link #headerProblem}, or it is a {@link Kind#CREDENTIAL} the
     * operator did not grant to the team, such as "header 'Authorization' carries the user's
     * credentials; a registered fragment may receive it only if the operator grants it to team
     * people with mosaic.registry.teams.people.may-receive=Authorization".
     *
     * @param granted the header names the operator grants the team
     *                ({@code mosaic.registry.teams.TEAM.may-receive}), in lowercase
     */
    public static Optional<String> registeredHeaderProblem(String name, String team, Set<String> granted) {
        Optional<String> problem = headerProblem(name);
        if (problem.isPresent() || kind(name) != Kind.CREDENTIAL) {
            return problem;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (granted.contains(lower)) {
            return Optional.empty();
        }
        String reason = CREDENTIALS.containsKey(lower) ? CREDENTIALS.get(lower)
                : lower.startsWith("x-auth-request-") ? SSO_REASON : FORWARDED_REASON;
        return Optional.of("header '" + name + "' " + reason + "; " + onlyIfGranted(name, team));
    }

    /** Why any fragment may not declare the cookie {@code name} in {@code forward.cookies}, or empty: it is not a token. */
    public static Optional<String> cookieProblem(String name) {
        if (!TOKEN.matcher(name).matches()) {
            return Optional.of("'" + name + "' is not a cookie name: use letters, digits and !#$%&'*+-.^_`|~ (an RFC 6265 token)");
        }
        return Optional.empty();
    }

    /**
     * Whether {@code name} is one of the gateway's own cookies: {@code mosaic-*}, or its console
     * session cookie {@code sessionCookie}, compared ignoring case (some servers read cookie names so).
     */
    public static boolean isGatewayCookie(String name, String sessionCookie) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.startsWith(GATEWAY_COOKIE_PREFIX) || lower.equals(sessionCookie.toLowerCase(Locale.ROOT));
    }

    /**
     * Why a fragment that team {@code team} registered may not declare the cookie {@code name},
     * or empty: {@link #cookieProblem}, or it is one of the gateway's own cookies
     * ({@link #isGatewayCookie}) that the operator did not grant to the team.
     *
     * @param granted the names the operator grants the team ({@code mosaic.registry.teams.TEAM.may-receive}), in lowercase
     * @param sessionCookie the name of the gateway's console session cookie
     */
    public static Optional<String> registeredCookieProblem(String name, String team, Set<String> granted, String sessionCookie) {
        Optional<String> problem = cookieProblem(name);
        if (problem.isPresent() || !isGatewayCookie(name, sessionCookie) || granted.contains(name.toLowerCase(Locale.ROOT))) {
            return problem;
        }
        String what = name.equalsIgnoreCase(sessionCookie) ? "is the gateway's console session, a credential"
                : "is the gateway's own (" + GATEWAY_COOKIE_PREFIX + "*)";
        return Optional.of("cookie '" + name + "' " + what + "; " + onlyIfGranted(name, team));
    }

    /**
     * Every problem of a registered fragment's {@code forward} by the field path that holds it
     * ({@code forward.headers[1]}, {@code forward.cookies[0]}), in order; empty when none. Header
     * names are shown in lowercase, as {@link Forwarding} keeps them. Map a path to its line with
     * {@link ManifestReader#positionOf}.
     */
    public static Map<String, String> registeredProblems(Forwarding forward, String team, Set<String> granted,
                                                         String sessionCookie) {
        Map<String, String> problems = new LinkedHashMap<>();
        for (int i = 0; i < forward.headers().size(); i++) {
            String path = "forward.headers[" + i + "]";
            registeredHeaderProblem(forward.headers().get(i), team, granted).ifPresent(p -> problems.put(path, p));
        }
        for (int i = 0; i < forward.cookies().size(); i++) {
            String path = "forward.cookies[" + i + "]";
            registeredCookieProblem(forward.cookies().get(i), team, granted, sessionCookie).ifPresent(p -> problems.put(path, p));
        }
        return Collections.unmodifiableMap(problems);
    }

    private static String onlyIfGranted(String name, String team) {
        return "a registered fragment may receive it only if the operator grants it to team " + team + " with "
                + GRANT_PROPERTY.formatted(team) + "=" + name;
    }

    private static Set<String> ordered(String... names) {
        return Collections.unmodifiableSet(new LinkedHashSet<>(List.of(names)));
    }

    private static Map<String, String> pairs(String... nameThenReason) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < nameThenReason.length; i += 2) {
            map.put(nameThenReason[i], nameThenReason[i + 1]);
        }
        return Collections.unmodifiableMap(map);
    }
}
