package io.mosaic.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every way a team can get a manifest wrong, each refused with the exact field path, the place
 * and a message that says what would be right.
 */
class InvalidManifestTest {

    private static final String FRAGMENTS = """
            fragments:
              - {name: nav, team: platform, url: "http://nav:8080/fragment"}
              - {name: members, team: people, url: "http://members:8080/fragment"}
            """;

    /** A valid manifest with one line changed. */
    private static String withFragment(String fragment) {
        return "version: 1\n" + FRAGMENTS + "  - " + fragment + "\n";
    }

    private static String withPage(String page) {
        return "version: 1\n" + FRAGMENTS + "pages:\n  - " + page + "\n";
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                // syntax and document
                bad("syntax error with its place", "version: 1\nfragments: [\n  {name: a\n",
                        "m.yaml:4:1: (document): syntax error: expected ',' or '}', but got <stream end> (while parsing "
                        + "a flow mapping)"),
                bad("empty file", "   \n",
                        "m.yaml:1:1: (document): the file is empty; a manifest starts with 'version: 1'"),
                bad("only comments", "# nothing here\n",
                        "m.yaml:1:1: (document): the file holds no document (only comments?); a manifest starts with "
                        + "'version: 1'"),
                bad("two documents", "version: 1\n---\nversion: 1\n",
                        "m.yaml:3:1: (document): a manifest file holds one document; split the others into their own "
                        + "files"),
                bad("top level is a list", "- version: 1\n",
                        "m.yaml:1:1: (document): expected a mapping of version, defaults, fragments, pages, got a list"),
                bad("duplicate key", "version: 1\nversion: 1\n",
                        "m.yaml:2:1: version: duplicate key 'version' (first at line 1)"),
                bad("missing version", FRAGMENTS,
                        "m.yaml:1:1: version: missing: write 'version: 1' at the top"),
                bad("unsupported version", "version: 2\n",
                        "m.yaml:1:10: version: unsupported version 2; this gateway reads version 1"),
                bad("version as text", "version: one\n",
                        "m.yaml:1:10: version: expected the number 1, got the text 'one'"),
                bad("unknown top-level field with suggestion", "version: 1\nfragmnets: []\n",
                        "m.yaml:2:1: fragmnets: unknown field 'fragmnets'; did you mean 'fragments'?"),
                bad("unknown field without near match lists known ones", "version: 1\ncolour: red\n",
                        "m.yaml:2:1: colour: unknown field 'colour'; known fields: version, defaults, fragments, pages"),
                // defaults
                bad("typo in defaults never silently drops a setting", "version: 1\ndefaults: {timout: 2s}\n",
                        "m.yaml:2:12: defaults.timout: unknown field 'timout'; did you mean 'timeout'?"),
                bad("breaker failure rate out of bounds", "version: 1\ndefaults: {circuitBreaker: {failureRate: 0}}\n",
                        "m.yaml:2:42: defaults.circuitBreaker.failureRate: must be from 1 to 100, got 0"),
                bad("minimum calls above window", "version: 1\ndefaults: {circuitBreaker: {window: 4, minimumCalls: 8}}\n",
                        "m.yaml:2:12: defaults.circuitBreaker.minimumCalls: minimumCalls (8) must not exceed window (4)"),
                bad("bulkhead of zero", "version: 1\ndefaults: {bulkhead: {maxConcurrent: 0}}\n",
                        "m.yaml:2:38: defaults.bulkhead.maxConcurrent: must be from 1 to 10000, got 0"),
                bad("typo in defaults' cacheFor", "version: 1\ndefaults: {cachefor: 1m}\n",
                        "m.yaml:2:12: defaults.cachefor: unknown field 'cachefor'; did you mean 'cacheFor'?"),
                bad("cacheFor without unit in defaults", "version: 1\ndefaults: {cacheFor: 30}\n",
                        "m.yaml:2:22: defaults.cacheFor: '30' has no unit; write 30ms or 30s"),
                bad("cacheFor beyond a day in defaults", "version: 1\ndefaults: {cacheFor: 2d}\n",
                        "m.yaml:2:22: defaults.cacheFor: must be from 0s to 1d, got 2d"),
                // fragments
                bad("fragments not a list", "version: 1\nfragments: {name: a}\n",
                        "m.yaml:2:12: fragments: expected a list of fragments, got a mapping"),
                bad("uppercase name", withFragment("{name: Billing, team: billing, url: 'http://b/'}"),
                        "m.yaml:5:12: fragments[2].name: name 'Billing' must be lowercase; did you mean 'billing'?"),
                bad("look-alike character in name", withFragment("{name: bіlling, team: billing, url: 'http://b/'}"),
                        "m.yaml:5:12: fragments[2].name: name 'bіlling' contains U+0456 (CYRILLIC SMALL LETTER "
                        + "BYELORUSSIAN-UKRAINIAN I), which looks like 'i' but is not ASCII; use lowercase ASCII letters, "
                        + "digits and '-'"),
                bad("name with underscore", withFragment("{name: my_box, team: billing, url: 'http://b/'}"),
                        "m.yaml:5:12: fragments[2].name: name 'my_box' must match [a-z][a-z0-9-]{0,62}: start with a "
                        + "lowercase letter, then lowercase letters, digits or '-', at most 63 characters"),
                bad("duplicate fragment name", withFragment("{name: nav, team: billing, url: 'http://b/'}"),
                        "m.yaml:5:12: fragments[2].name: fragment 'nav' is defined twice: here and at m.yaml:3:12; "
                        + "fragment names must be unique"),
                bad("missing team", withFragment("{name: billing, url: 'http://b/'}"),
                        "m.yaml:5:5: fragments[2].team: missing: the owning team, a lowercase slug such as people"),
                bad("team as a number", withFragment("{name: billing, team: 42, url: 'http://b/'}"),
                        "m.yaml:5:27: fragments[2].team: expected text, got the number 42"),
                bad("relative url", withFragment("{name: billing, team: billing, url: /fragment}"),
                        "m.yaml:5:41: fragments[2].url: '/fragment' must be an absolute http or https URL, such as "
                        + "http://members.internal:8080/fragment"),
                bad("ftp url", withFragment("{name: billing, team: billing, url: 'ftp://b/f'}"),
                        "m.yaml:5:41: fragments[2].url: scheme 'ftp' is not allowed; use http or https"),
                bad("url with credentials", withFragment("{name: billing, team: billing, url: 'http://u:p@b/f'}"),
                        "m.yaml:5:41: fragments[2].url: 'http://u:p@b/f' must not carry a user name or password; "
                        + "credentials do not belong in the manifest"),
                bad("url with a #fragment", withFragment("{name: billing, team: billing, url: 'http://b/f#x'}"),
                        "m.yaml:5:41: fragments[2].url: 'http://b/f#x' must not have a #fragment part; servers never "
                        + "see it"),
                bad("duration without unit", withFragment("{name: billing, team: billing, url: 'http://b/', timeout: 500}"),
                        "m.yaml:5:63: fragments[2].timeout: '500' has no unit; write 500ms or 500s"),
                bad("duration that does not parse", withFragment("{name: billing, team: billing, url: 'http://b/', timeout: fast}"),
                        "m.yaml:5:63: fragments[2].timeout: 'fast' is not a duration such as 250ms, 2s or 5m (units: "
                        + "ms, s, m, h, d)"),
                bad("zero duration", withFragment("{name: billing, team: billing, url: 'http://b/', timeout: 0ms}"),
                        "m.yaml:5:63: fragments[2].timeout: must be positive, got 0ms"),
                bad("timeout beyond bounds", withFragment("{name: billing, team: billing, url: 'http://b/', timeout: 5m}"),
                        "m.yaml:5:63: fragments[2].timeout: must be from 10ms to 1m, got 5m"),
                bad("body cap beyond bounds", withFragment("{name: billing, team: billing, url: 'http://b/', maxBodySize: 1GiB}"),
                        "m.yaml:5:67: fragments[2].maxBodySize: must be from 1KiB to 64MiB, got 1GiB"),
                bad("cacheFor beyond a day", withFragment("{name: billing, team: billing, url: 'http://b/', cacheFor: 25h}"),
                        "m.yaml:5:64: fragments[2].cacheFor: must be from 0s to 1d, got 25h"),
                bad("negative cacheFor", withFragment("{name: billing, team: billing, url: 'http://b/', cacheFor: -5s}"),
                        "m.yaml:5:64: fragments[2].cacheFor: '-5s' is not a duration such as 250ms, 2s or 5m (units: "
                        + "ms, s, m, h, d)"),
                bad("cacheFor that does not parse", withFragment("{name: billing, team: billing, url: 'http://b/', cacheFor: forever}"),
                        "m.yaml:5:64: fragments[2].cacheFor: 'forever' is not a duration such as 250ms, 2s or 5m (units: "
                        + "ms, s, m, h, d)"),
                bad("typo in a fragment's cacheFor", withFragment("{name: billing, team: billing, url: 'http://b/', cacheFr: 1m}"),
                        "m.yaml:5:54: fragments[2].cacheFr: unknown field 'cacheFr'; did you mean 'cacheFor'?"),
                bad("javascript asset", withFragment("{name: billing, team: billing, url: 'http://b/', assets: {js: ['javascript:alert(1)']}}"),
                        "m.yaml:5:68: fragments[2].assets.js[0]: 'javascript:alert(1)' is not allowed: only paths on "
                        + "the fragment's origin, such as /styles.css"),
                bad("data asset", withFragment("{name: billing, team: billing, url: 'http://b/', assets: {css: ['data:text/css,x']}}"),
                        "m.yaml:5:69: fragments[2].assets.css[0]: 'data:text/css,x' is not allowed: only paths on the "
                        + "fragment's origin, such as /styles.css"),
                bad("protocol-relative asset", withFragment("{name: billing, team: billing, url: 'http://b/', assets: {css: ['//cdn/x.css']}}"),
                        "m.yaml:5:69: fragments[2].assets.css[0]: '//cdn/x.css' is protocol-relative and may point at "
                        + "another host; write a path such as /styles.css"),
                bad("asset on another origin", withFragment("{name: billing, team: billing, url: 'http://b/', assets: {css: ['http://cdn/x.css']}}"),
                        "m.yaml:5:69: fragments[2].assets.css[0]: 'http://cdn/x.css' is on another origin; assets and "
                        + "proxy paths must be on the fragment's own origin (http://b)"),
                bad("asset list written as text", withFragment("{name: billing, team: billing, url: 'http://b/', assets: {js: /b.js}}"),
                        "m.yaml:5:67: fragments[2].assets.js: expected a list of script paths, got text; write [/b.js]"),
                bad("proxy entry with dot segments", withFragment("{name: billing, team: billing, url: 'http://b/', proxy: ['/api/../admin']}"),
                        "m.yaml:5:62: fragments[2].proxy[0]: '/api/../admin' is refused: dot segments (. and .., also "
                        + "encoded) are not allowed in a path"),
                // the proxy's own refusals (OriginPaths), in its words, so that registration never accepts what it would refuse
                bad("proxy entry with a path parameter", withFragment("{name: billing, team: billing, url: 'http://b/', proxy: ['/api/..;/x']}"),
                        "m.yaml:5:62: fragments[2].proxy[0]: '/api/..;/x' is refused: path parameters (;) are not allowed"),
                bad("asset with encoded slashes", withFragment("{name: billing, team: billing, url: 'http://b/', assets: {js: ['/%2F%2Fevil.example/x.js']}}"),
                        "m.yaml:5:68: fragments[2].assets.js[0]: '/%2F%2Fevil.example/x.js' is refused: encoded slashes and "
                        + "backslashes (%2F, %5C) are not allowed in a path"),
                bad("same-origin asset URL with an overlong dot", withFragment("{name: billing, team: billing, url: 'http://b/', assets: {css: ['http://b/%c0%ae%c0%ae/x.css?v=1']}}"),
                        "m.yaml:5:69: fragments[2].assets.css[0]: 'http://b/%c0%ae%c0%ae/x.css?v=1' is refused: the path is "
                        + "not valid percent-encoded UTF-8 (overlong or malformed sequences)"),
                bad("proxy entry with a backslash", withFragment("{name: billing, team: billing, url: 'http://b/', proxy: ['/api\\..\\x']}"),
                        "m.yaml:5:62: fragments[2].proxy[0]: '/api\\..\\x' is refused: backslashes are not allowed in a path"),
                bad("proxy entry with double encoding", withFragment("{name: billing, team: billing, url: 'http://b/', proxy: [{path: '/api/%252e%252e', methods: [GET]}]}"),
                        "m.yaml:5:69: fragments[2].proxy[0].path: '/api/%252e%252e' is refused: encoded percent signs (%25, "
                        + "double encoding) are not allowed in a path"),
                bad("proxy entry relative", withFragment("{name: billing, team: billing, url: 'http://b/', proxy: [api]}"),
                        "m.yaml:5:62: fragments[2].proxy[0]: 'api' must start with '/' (a path on the fragment's origin)"),
                bad("async as text", withFragment("{name: billing, team: billing, url: 'http://b/', async: 'yes please'}"),
                        "m.yaml:5:61: fragments[2].async: expected true or false, got the text 'yes please'"),
                bad("per-fragment breaker typo", withFragment("{name: billing, team: billing, url: 'http://b/', circuitBreaker: {openfor: 5s}}"),
                        "m.yaml:5:71: fragments[2].circuitBreaker.openfor: unknown field 'openfor'; did you mean "
                        + "'openFor'?"),
                // what a fragment may reach and run
                bad("proxy method not allowed", withFragment("{name: billing, team: billing, url: 'http://b/', proxy: [{path: /api, methods: [TRACE]}]}"),
                        "m.yaml:5:85: fragments[2].proxy[0].methods[0]: method 'TRACE' is not allowed; use GET, HEAD, "
                        + "POST, PUT, PATCH, DELETE, OPTIONS"),
                bad("proxy method in lowercase", withFragment("{name: billing, team: billing, url: 'http://b/', proxy: [{path: /api, methods: [get]}]}"),
                        "m.yaml:5:85: fragments[2].proxy[0].methods[0]: method 'get' must be uppercase; did you mean "
                        + "'GET'?"),
                bad("proxy path with no methods", withFragment("{name: billing, team: billing, url: 'http://b/', proxy: [{path: /api, methods: []}]}"),
                        "m.yaml:5:84: fragments[2].proxy[0].methods: an empty list allows no request; name methods such "
                        + "as [GET, POST] or remove the entry"),
                bad("proxy method listed twice", withFragment("{name: billing, team: billing, url: 'http://b/', proxy: [{path: /api, methods: [GET, GET]}]}"),
                        "m.yaml:5:90: fragments[2].proxy[0].methods[1]: 'GET' is listed twice"),
                bad("proxy methods written as text", withFragment("{name: billing, team: billing, url: 'http://b/', proxy: [{path: /api, methods: GET}]}"),
                        "m.yaml:5:84: fragments[2].proxy[0].methods: expected a list of methods such as [GET, POST], "
                        + "got text; write [GET]"),
                bad("proxy entry without a path", withFragment("{name: billing, team: billing, url: 'http://b/', proxy: [{methods: [GET]}]}"),
                        "m.yaml:5:62: fragments[2].proxy[0].path: missing: an origin path prefix such as /api/admin"),
                bad("typo in a proxy entry", withFragment("{name: billing, team: billing, url: 'http://b/', proxy: [{path: /api, method: [GET]}]}"),
                        "m.yaml:5:75: fragments[2].proxy[0].method: unknown field 'method'; did you mean 'methods'?"),
                bad("proxy entry as a number", withFragment("{name: billing, team: billing, url: 'http://b/', proxy: [5]}"),
                        "m.yaml:5:62: fragments[2].proxy[0]: expected a path such as /api or {path: /api, methods: "
                        + "[GET, POST]}, got the number 5"),
                bad("proxy path listed twice in both forms", withFragment("{name: billing, team: billing, url: 'http://b/', proxy: [/api, {path: /api/, methods: [PUT]}]}"),
                        "m.yaml:5:68: fragments[2].proxy[1]: '/api' is listed twice"),
                bad("proxy written as text", withFragment("{name: billing, team: billing, url: 'http://b/', proxy: /api}"),
                        "m.yaml:5:61: fragments[2].proxy: expected a list of paths such as /api, got text; write [/api]"),
                bad("request body cap beyond bounds", withFragment("{name: billing, team: billing, url: 'http://b/', maxRequestBody: 65MiB}"),
                        "m.yaml:5:70: fragments[2].maxRequestBody: must be from 0 to 64MiB, got 65MiB"),
                bad("request body cap that does not parse", withFragment("{name: billing, team: billing, url: 'http://b/', maxRequestBody: lots}"),
                        "m.yaml:5:70: fragments[2].maxRequestBody: 'lots' is not a size such as 512KiB or 1MiB (units: "
                        + "B, KiB, MiB, KB, MB)"),
                bad("negative request body cap in defaults", "version: 1\ndefaults: {maxRequestBody: -1}\n",
                        "m.yaml:2:28: defaults.maxRequestBody: '-1' is not a size such as 512KiB or 1MiB (units: B, "
                        + "KiB, MiB, KB, MB)"),
                bad("query selection neither all, none nor a list", withFragment("{name: billing, team: billing, url: 'http://b/', forward: {query: some}}"),
                        "m.yaml:5:71: fragments[2].forward.query: expected all, none or a list of parameter names such "
                        + "as [page, sort], got the text 'some'"),
                bad("empty query list", withFragment("{name: billing, team: billing, url: 'http://b/', forward: {query: []}}"),
                        "m.yaml:5:71: fragments[2].forward.query: an empty list forwards no parameter; write none"),
                bad("query parameter name with '='", withFragment("{name: billing, team: billing, url: 'http://b/', forward: {query: ['a=b']}}"),
                        "m.yaml:5:72: fragments[2].forward.query[0]: 'a=b' is not a query parameter name: it must not "
                        + "be empty or contain '&', '=', '#', spaces or control characters"),
                bad("cookie name that is not a token", withFragment("{name: billing, team: billing, url: 'http://b/', forward: {cookies: ['a b']}}"),
                        "m.yaml:5:74: fragments[2].forward.cookies[0]: 'a b' is not a cookie name: use letters, digits "
                        + "and !#$%&'*+-.^_`|~ (an RFC 6265 token)"),
                bad("forwarding Host", withFragment("{name: billing, team: billing, url: 'http://b/', forward: {headers: [Host]}}"),
                        "m.yaml:5:74: fragments[2].forward.headers[0]: header 'Host' is never forwarded: the gateway "
                        + "sets Host to the fragment's origin"),
                bad("forwarding a Proxy-* header", withFragment("{name: billing, team: billing, url: 'http://b/', forward: {headers: [Proxy-Authorization]}}"),
                        "m.yaml:5:74: fragments[2].forward.headers[0]: header 'Proxy-Authorization' is never forwarded: "
                        + "Proxy-* headers are meant for the gateway itself and may carry its credentials"),
                bad("forwarding Cookie whole", withFragment("{name: billing, team: billing, url: 'http://b/', forward: {headers: [cookie]}}"),
                        "m.yaml:5:74: fragments[2].forward.headers[0]: header 'cookie' is never forwarded: it would "
                        + "hand the fragment every cookie of the gateway's domain; name the cookies it needs in "
                        + "forward.cookies"),
                bad("forwarding a hop-by-hop header", withFragment("{name: billing, team: billing, url: 'http://b/', forward: {headers: [Connection]}}"),
                        "m.yaml:5:74: fragments[2].forward.headers[0]: header 'Connection' is never forwarded: it is a "
                        + "hop-by-hop header: it describes one connection and never travels further"),
                bad("forwarding Keep-Alive", withFragment("{name: billing, team: billing, url: 'http://b/', forward: {headers: [Keep-Alive]}}"),
                        "m.yaml:5:74: fragments[2].forward.headers[0]: header 'Keep-Alive' is never forwarded: it is a "
                        + "hop-by-hop header: it describes one connection and never travels further"),
                bad("forwarding a framing header", withFragment("{name: billing, team: billing, url: 'http://b/', forward: {headers: [Content-Length]}}"),
                        "m.yaml:5:74: fragments[2].forward.headers[0]: header 'Content-Length' is never forwarded: it "
                        + "frames the message, and the gateway frames the request it forwards"),
                bad("header name that is not a token", withFragment("{name: billing, team: billing, url: 'http://b/', forward: {headers: ['x tenant']}}"),
                        "m.yaml:5:74: fragments[2].forward.headers[0]: 'x tenant' is not a header name: use letters, "
                        + "digits and !#$%&'*+-.^_`|~ (an RFC 9110 token)"),
                bad("header listed twice in another case", withFragment("{name: billing, team: billing, url: 'http://b/', forward: {headers: [X-Tenant, x-tenant]}}"),
                        "m.yaml:5:84: fragments[2].forward.headers[1]: 'x-tenant' is listed twice (header names ignore "
                        + "case)"),
                bad("typo in forward", withFragment("{name: billing, team: billing, url: 'http://b/', forward: {header: [x-tenant]}}"),
                        "m.yaml:5:64: fragments[2].forward.header: unknown field 'header'; did you mean 'headers'?"),
                bad("forward as a list", withFragment("{name: billing, team: billing, url: 'http://b/', forward: [x-tenant]}"),
                        "m.yaml:5:63: fragments[2].forward: expected a mapping of query, cookies, headers, got a list"),
                bad("unknown trust level", withFragment("{name: billing, team: billing, url: 'http://b/', trust: trustd}"),
                        "m.yaml:5:61: fragments[2].trust: unknown trust level 'trustd'; did you mean 'trusted'?; trust "
                        + "levels: trusted, standard, untrusted"),
                bad("untrusted fragment declaring a script", withFragment("{name: billing, team: billing, url: 'http://b/', trust: untrusted, assets: {js: [/b.js]}}"),
                        "m.yaml:5:86: fragments[2].assets.js[0]: an untrusted fragment may declare no scripts: a declared "
                        + "script runs with the page's full privileges, which trust: untrusted withholds from its HTML; "
                        + "remove the script or use trust: standard"),
                bad("trust as a boolean", withFragment("{name: billing, team: billing, url: 'http://b/', trust: true}"),
                        "m.yaml:5:61: fragments[2].trust: expected text, got the boolean true"),
                bad("integrity with an unsupported algorithm", withFragment("{name: billing, team: billing, url: 'http://b/', assets: {js: [{path: /a.js, integrity: 'sha1-abc='}]}}"),
                        "m.yaml:5:93: fragments[2].assets.js[0].integrity: 'sha1-abc=' is not a Subresource Integrity "
                        + "hash: write sha256-, sha384- or sha512- followed by the base64 digest"),
                bad("integrity of the wrong length", withFragment("{name: billing, team: billing, url: 'http://b/', assets: {js: [{path: /a.js, integrity: 'sha384-abc'}]}}"),
                        "m.yaml:5:93: fragments[2].assets.js[0].integrity: 'sha384-abc' is not a sha384 digest: one is "
                        + "48 bytes, written as 64 base64 characters (padding included)"),
                bad("second integrity hash wrong", withFragment("{name: billing, team: billing, url: 'http://b/', assets: {js: [{path: /a.js, integrity: 'sha384-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA sha512-x'}]}}"),
                        "m.yaml:5:93: fragments[2].assets.js[0].integrity: 'sha512-x' is not a sha512 digest: one is 64 "
                        + "bytes, written as 88 base64 characters (padding included)"),
                bad("asset entry without integrity", withFragment("{name: billing, team: billing, url: 'http://b/', assets: {js: [{path: /a.js}]}}"),
                        "m.yaml:5:68: fragments[2].assets.js[0].integrity: missing: a Subresource Integrity value such "
                        + "as sha384-...; an asset without one is written as its path alone"),
                bad("typo in an asset entry", withFragment("{name: billing, team: billing, url: 'http://b/', assets: {css: [{path: /a.css, integrty: 'sha384-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'}]}}"),
                        "m.yaml:5:69: fragments[2].assets.css[0].integrity: missing: a Subresource Integrity value such "
                        + "as sha384-...; an asset without one is written as its path alone",
                        "m.yaml:5:84: fragments[2].assets.css[0].integrty: unknown field 'integrty'; did you mean "
                        + "'integrity'?"),
                bad("asset entry as a number", withFragment("{name: billing, team: billing, url: 'http://b/', assets: {css: [7]}}"),
                        "m.yaml:5:69: fragments[2].assets.css[0]: expected a path such as /app.css or {path: /app.css, "
                        + "integrity: sha384-...}, got the number 7"),
                bad("asset entry on another origin", withFragment("{name: billing, team: billing, url: 'http://b/', assets: {js: [{path: 'http://cdn/a.js', integrity: 'sha384-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'}]}}"),
                        "m.yaml:5:75: fragments[2].assets.js[0].path: 'http://cdn/a.js' is on another origin; assets "
                        + "and proxy paths must be on the fragment's own origin (http://b)"),
                // pages
                bad("page path without slash", withPage("{path: admin, layout: admin, slots: {main: nav}}"),
                        "m.yaml:6:12: pages[0].path: 'admin' must start with '/'"),
                bad("page path on the gateway's own paths", withPage("{path: /actuator/health, layout: admin, slots: {main: nav}}"),
                        "m.yaml:6:12: pages[0].path: '/actuator/health' collides with the gateway's own /actuator/** "
                        + "paths; choose another path"),
                bad("page path under the proxy", withPage("{path: /fragments/x, layout: admin, slots: {main: nav}}"),
                        "m.yaml:6:12: pages[0].path: '/fragments/x' collides with the gateway's own /fragments/** "
                        + "paths; choose another path"),
                bad("page path with trailing slash", withPage("{path: /admin/, layout: admin, slots: {main: nav}}"),
                        "m.yaml:6:12: pages[0].path: '/admin/' must not end with '/'; write /admin"),
                bad("duplicate page path", withPage("{path: /a, layout: admin, slots: {main: nav}}\n  - {path: /a, layout: admin, slots: {main: members}}"),
                        "m.yaml:7:12: pages[1].path: page '/a' is defined twice: here and at m.yaml:6:12; page paths "
                        + "must be unique"),
                bad("unknown layout", withPage("{path: /a, layout: admn, slots: {main: nav}}"),
                        "m.yaml:6:24: pages[0].layout: unknown layout 'admn'; did you mean 'admin'?; layouts: admin, "
                        + "dashboard"),
                bad("slot not in layout", withPage("{path: /a, layout: admin, slots: {mian: nav}}"),
                        "m.yaml:6:39: pages[0].slots.mian: layout 'admin' has no slot 'mian'; did you mean 'main'?; its "
                        + "slots: header, nav, main, aside"),
                bad("unknown fragment in slot", withPage("{path: /a, layout: admin, slots: {main: membres}}"),
                        "m.yaml:6:45: pages[0].slots.main: unknown fragment 'membres'; did you mean 'members'?"),
                bad("unknown fragment in a slot list", withPage("{path: /a, layout: admin, slots: {aside: [nav, billing]}}"),
                        "m.yaml:6:52: pages[0].slots.aside[1]: unknown fragment 'billing'"),
                bad("fragment twice on a page", withPage("{path: /a, layout: admin, slots: {header: nav, aside: [nav]}}"),
                        "m.yaml:6:60: pages[0].slots.aside[0]: fragment 'nav' is already on this page at "
                        + "pages[0].slots.header; a fragment appears at most once per page"),
                bad("primary not on the page", withPage("{path: /a, layout: admin, primary: members, slots: {main: nav}}"),
                        "m.yaml:6:40: pages[0].primary: fragment 'members' is not on this page; primary must be one of "
                        + "the page's fragments: nav"),
                bad("empty slot list", withPage("{path: /a, layout: admin, slots: {main: []}}"),
                        "m.yaml:6:45: pages[0].slots.main: an empty list fills nothing; name at least one fragment or "
                        + "remove the slot"),
                bad("open slot set to false", withPage("{path: /a, layout: dashboard, slots: {widgets: {open: false}}}"),
                        "m.yaml:6:59: pages[0].slots.widgets.open: 'open: false' fills nothing; name fragments instead, "
                        + "or write open: true"),
                bad("open slot with unknown key", withPage("{path: /a, layout: dashboard, slots: {widgets: {open: true, limit: 3}}}"),
                        "m.yaml:6:65: pages[0].slots.widgets.limit: unknown field 'limit'; known fields: open, max, perTeam"),
                bad("perTeam above the slot's max", withPage("{path: /a, layout: dashboard, slots: {widgets: {open: true, max: 3, perTeam: 4}}}"),
                        "m.yaml:6:82: pages[0].slots.widgets.perTeam: perTeam (4) must not exceed max (3): one team's share "
                        + "is part of the slot's places"),
                bad("perTeam of zero", withPage("{path: /a, layout: dashboard, slots: {widgets: {open: true, perTeam: 0}}}"),
                        "m.yaml:6:74: pages[0].slots.widgets.perTeam: must be from 1 to 50, got 0"),
                bad("slot as a number", withPage("{path: /a, layout: admin, slots: {main: 7}}"),
                        "m.yaml:6:45: pages[0].slots.main: expected a fragment name, a list of fragment names or {open: "
                        + "true}, got the number 7"),
                bad("page without slots", withPage("{path: /a, layout: admin}"),
                        "m.yaml:6:5: pages[0].slots: missing: a mapping of slot names to fragments"),
                bad("slots as a list", withPage("{path: /a, layout: admin, slots: [nav]}"),
                        "m.yaml:6:38: pages[0].slots: expected a mapping of slot names to fragments, got a list"));
    }

    private static Arguments bad(String description, String yaml, String... problems) {
        return Arguments.of(description, yaml, List.of(problems));
    }

    /** The problems are exactly these, with their place, path and message: a test that drifts fails. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void isRefusedWithThePathAndAHelpfulMessage(String description, String yaml, List<String> problems) {
        ReadResult result = new ManifestReader().read("m.yaml", yaml);
        assertThat(result.valid()).isFalse();
        assertThat(result.manifest()).isEmpty();
        assertThat(result.problems()).map(Problem::toString).containsExactlyElementsOf(problems);
    }

    /**
     * A manifest whose pages leave open slots, with {@code extra} appended to its fragments: the
     * base is valid, so each case's problem is the only one.
     */
    private static String withMounts(String extra) {
        return "version: 1\n" + FRAGMENTS + extra + """
                pages:
                  - {path: /admin, layout: dashboard, slots: {header: nav, widgets: {open: true, max: 2}}}
                  - {path: /admin/members, layout: admin, slots: {header: nav, main: members}}
                  - {path: /wall, layout: dashboard, slots: {header: {open: true, max: 1}, widgets: {open: true}}}
                """;
    }

    static Stream<Arguments> mountCases() {
        String weather = "  - name: weather\n    team: insights\n    url: http://weather/\n    mount:\n";
        return Stream.of(
                Arguments.of("mount into an unknown page", withMounts(weather + "      - {page: /adimn, slot: widgets}\n"),
                        "m.yaml:9:16: fragments[2].mount[0].page: unknown page '/adimn'; did you mean '/admin'?"),
                Arguments.of("mount into a slot the layout does not have", withMounts(weather + "      - {page: /admin, slot: widget}\n"),
                        "m.yaml:9:30: fragments[2].mount[0].slot: page '/admin' (layout 'dashboard') has no slot 'widget'; "
                                + "did you mean 'widgets'?; its open slots: widgets"),
                Arguments.of("mount into a slot the page names its fragments for", withMounts(weather + "      - {page: /admin, slot: header}\n"),
                        "m.yaml:9:30: fragments[2].mount[0].slot: slot 'header' of page '/admin' is not open: "
                                + "the page names its fragments; its open slots: widgets"),
                Arguments.of("mount into a page without open slots", withMounts(weather + "      - {page: /admin/members, slot: aside}\n"),
                        "m.yaml:9:38: fragments[2].mount[0].slot: slot 'aside' of page '/admin/members' is not open: "
                                + "the page does not declare it; page '/admin/members' has no open slot"),
                Arguments.of("the same page and slot twice", withMounts(weather
                                + "      - {page: /admin, slot: widgets, order: 1}\n      - {page: /admin, slot: widgets, order: 2}\n"),
                        "m.yaml:10:9: fragments[2].mount[1]: slot 'widgets' of page '/admin' is already mounted at "
                                + "fragments[2].mount[0]; mount a fragment into a slot once"),
                Arguments.of("mounted into two slots of one page", withMounts(weather
                                + "      - {page: /wall, slot: header}\n      - {page: /wall, slot: widgets}\n"),
                        "m.yaml:10:16: fragments[2].mount[1].page: fragment 'weather' is already on page '/wall': mounted into "
                                + "slot 'header' at fragments[2].mount[0]; a fragment appears at most once per page"),
                Arguments.of("mounted on a page that names it", withMounts("  - {name: clock, team: insights, url: 'http://clock/', "
                                + "mount: [{page: /admin, slot: widgets}]}\n").replace("header: nav, widgets", "header: clock, widgets"),
                        "m.yaml:5:72: fragments[2].mount[0].page: fragment 'clock' is already on page '/admin': named in slot "
                                + "'header' at pages[0].slots.header; a fragment appears at most once per page"),
                Arguments.of("a full slot refuses the mount declared last", withMounts("""
                                  - {name: a, team: t, url: 'http://a/', mount: [{page: /admin, slot: widgets, order: 9}]}
                                  - {name: b, team: t, url: 'http://b/', mount: [{page: /admin, slot: widgets, order: 5}]}
                                  - {name: c, team: t, url: 'http://c/', mount: [{page: /admin, slot: widgets, order: 1}]}
                                """),
                        "m.yaml:7:71: fragments[4].mount[0].slot: slot 'widgets' of page '/admin' is full: "
                                + "it shows at most 2 fragments (already mounted: a, b)"),
                Arguments.of("a team's share of a slot refuses the team's mount declared last", withMounts("""
                                  - {name: a, team: t, url: 'http://a/', mount: [{page: /wall, slot: widgets}]}
                                  - {name: b, team: u, url: 'http://b/', mount: [{page: /wall, slot: widgets}]}
                                  - {name: c, team: t, url: 'http://c/', mount: [{page: /wall, slot: widgets}]}
                                """).replace("widgets: {open: true}}}", "widgets: {open: true, max: 4, perTeam: 1}}}"),
                        "m.yaml:7:70: fragments[4].mount[0].slot: slot 'widgets' of page '/wall' is full for team 't': it "
                                + "shows at most 1 fragment of one team (perTeam; already mounted by t: a)"),
                Arguments.of("a team's default share is five places of a slot", withMounts(IntStream.rangeClosed(1, 6)
                                .mapToObj(i -> "  - {name: w" + i + ", team: t, url: 'http://w/', mount: [{page: /wall, slot: widgets}]}\n")
                                .collect(Collectors.joining())),
                        "m.yaml:10:71: fragments[7].mount[0].slot: slot 'widgets' of page '/wall' is full for team 't': it "
                                + "shows at most 5 fragments of one team (perTeam; already mounted by t: w1, w2, w3, w4, w5)"),
                Arguments.of("mount written as one mapping", withMounts("  - {name: a, team: t, url: 'http://a/', mount: {page: /admin, slot: widgets}}\n"),
                        "m.yaml:5:49: fragments[2].mount: expected a list of mounts such as [{page: /admin, slot: widgets, order: 10}], "
                                + "got a mapping; put it in a list"),
                Arguments.of("typo in a mount field", withMounts(weather + "      - {page: /admin, slott: widgets}\n"),
                        "m.yaml:9:24: fragments[2].mount[0].slott: unknown field 'slott'; did you mean 'slot'?"),
                Arguments.of("mount order beyond bounds", withMounts(weather + "      - {page: /admin, slot: widgets, order: 5000}\n"),
                        "m.yaml:9:46: fragments[2].mount[0].order: must be from -1000 to 1000, got 5000"),
                Arguments.of("mount order as text", withMounts(weather + "      - {page: /admin, slot: widgets, order: first}\n"),
                        "m.yaml:9:46: fragments[2].mount[0].order: expected a whole number from -1000 to 1000, got the text 'first'"),
                Arguments.of("primary that is only mounted", withMounts(weather + "      - {page: /wall, slot: widgets}\n")
                                .replace("{path: /wall, layout: dashboard,", "{path: /wall, layout: dashboard, primary: weather,"),
                        "m.yaml:13:47: pages[2].primary: fragment 'weather' is only mounted into this page, not named in a slot; "
                                + "primary must be one of the page's fragments"),
                Arguments.of("mount page that is not a path", withMounts(weather + "      - {page: admin, slot: widgets}\n"),
                        "m.yaml:9:16: fragments[2].mount[0].page: 'admin' must start with '/'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mountCases")
    void mountProblemsAreRefusedAtTheirPlaceWithTheReason(String description, String yaml, String problem) {
        ReadResult result = new ManifestReader().read("m.yaml", yaml);
        assertThat(result.problems()).map(Problem::toString).contains(problem);
        assertThat(result.manifest()).isEmpty();
    }
}
