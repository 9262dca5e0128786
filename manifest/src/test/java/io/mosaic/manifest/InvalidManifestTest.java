package io.mosaic.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
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
                bad("syntax error with its place", "version: 1\nfragments: [\n  {name: a\n", "", "syntax error"),
                bad("empty file", "   \n", "", "the file is empty"),
                bad("only comments", "# nothing here\n", "", "no document"),
                bad("two documents", "version: 1\n---\nversion: 1\n", "", "one document"),
                bad("top level is a list", "- version: 1\n", "", "expected a mapping"),
                bad("duplicate key", "version: 1\nversion: 1\n", "version", "duplicate key 'version' (first at line 1)"),
                bad("missing version", FRAGMENTS, "version", "missing: write 'version: 1'"),
                bad("unsupported version", "version: 2\n", "version", "unsupported version 2; this gateway reads version 1"),
                bad("version as text", "version: one\n", "version", "expected the number 1, got the text 'one'"),
                bad("unknown top-level field with suggestion", "version: 1\nfragmnets: []\n", "fragmnets",
                        "unknown field 'fragmnets'; did you mean 'fragments'?"),
                bad("unknown field without near match lists known ones", "version: 1\ncolour: red\n", "colour",
                        "known fields: version, defaults, fragments, pages"),
                // defaults
                bad("typo in defaults never silently drops a setting", "version: 1\ndefaults: {timout: 2s}\n", "defaults.timout",
                        "did you mean 'timeout'?"),
                bad("breaker failure rate out of bounds", "version: 1\ndefaults: {circuitBreaker: {failureRate: 0}}\n",
                        "defaults.circuitBreaker.failureRate", "must be from 1 to 100, got 0"),
                bad("minimum calls above window", "version: 1\ndefaults: {circuitBreaker: {window: 4, minimumCalls: 8}}\n",
                        "defaults.circuitBreaker.minimumCalls", "must not exceed window (4)"),
                bad("bulkhead of zero", "version: 1\ndefaults: {bulkhead: {maxConcurrent: 0}}\n",
                        "defaults.bulkhead.maxConcurrent", "must be from 1 to 10000"),
                // fragments
                bad("fragments not a list", "version: 1\nfragments: {name: a}\n", "fragments", "expected a list of fragments, got a mapping"),
                bad("uppercase name", withFragment("{name: Billing, team: billing, url: 'http://b/'}"), "fragments[2].name",
                        "must be lowercase; did you mean 'billing'?"),
                bad("look-alike character in name", withFragment("{name: bіlling, team: billing, url: 'http://b/'}"),
                        "fragments[2].name", "U+0456 (CYRILLIC SMALL LETTER BYELORUSSIAN-UKRAINIAN I), which looks like 'i'"),
                bad("name with underscore", withFragment("{name: my_box, team: billing, url: 'http://b/'}"), "fragments[2].name",
                        "must match [a-z][a-z0-9-]{0,62}"),
                bad("duplicate fragment name", withFragment("{name: nav, team: billing, url: 'http://b/'}"), "fragments[2].name",
                        "fragment 'nav' is defined twice: here and at m.yaml:3:12"),
                bad("missing team", withFragment("{name: billing, url: 'http://b/'}"), "fragments[2].team", "missing: the owning team"),
                bad("team as a number", withFragment("{name: billing, team: 42, url: 'http://b/'}"), "fragments[2].team",
                        "expected text, got the number 42"),
                bad("relative url", withFragment("{name: billing, team: billing, url: /fragment}"), "fragments[2].url",
                        "must be an absolute http or https URL"),
                bad("ftp url", withFragment("{name: billing, team: billing, url: 'ftp://b/f'}"), "fragments[2].url",
                        "scheme 'ftp' is not allowed"),
                bad("url with credentials", withFragment("{name: billing, team: billing, url: 'http://u:p@b/f'}"), "fragments[2].url",
                        "must not carry a user name or password"),
                bad("url with a #fragment", withFragment("{name: billing, team: billing, url: 'http://b/f#x'}"), "fragments[2].url",
                        "must not have a #fragment part"),
                bad("duration without unit", withFragment("{name: billing, team: billing, url: 'http://b/', timeout: 500}"),
                        "fragments[2].timeout", "'500' has no unit; write 500ms or 500s"),
                bad("duration that does not parse", withFragment("{name: billing, team: billing, url: 'http://b/', timeout: fast}"),
                        "fragments[2].timeout", "'fast' is not a duration such as 250ms, 2s or 5m"),
                bad("zero duration", withFragment("{name: billing, team: billing, url: 'http://b/', timeout: 0ms}"),
                        "fragments[2].timeout", "must be positive"),
                bad("timeout beyond bounds", withFragment("{name: billing, team: billing, url: 'http://b/', timeout: 5m}"),
                        "fragments[2].timeout", "must be from 10ms to 1m, got 5m"),
                bad("body cap beyond bounds", withFragment("{name: billing, team: billing, url: 'http://b/', maxBodySize: 1GiB}"),
                        "fragments[2].maxBodySize", "must be from 1KiB to 64MiB"),
                bad("javascript asset", withFragment("{name: billing, team: billing, url: 'http://b/', assets: {js: ['javascript:alert(1)']}}"),
                        "fragments[2].assets.js[0]", "is not allowed: only paths on the fragment's origin"),
                bad("data asset", withFragment("{name: billing, team: billing, url: 'http://b/', assets: {css: ['data:text/css,x']}}"),
                        "fragments[2].assets.css[0]", "is not allowed"),
                bad("protocol-relative asset", withFragment("{name: billing, team: billing, url: 'http://b/', assets: {css: ['//cdn/x.css']}}"),
                        "fragments[2].assets.css[0]", "protocol-relative"),
                bad("asset on another origin", withFragment("{name: billing, team: billing, url: 'http://b/', assets: {css: ['http://cdn/x.css']}}"),
                        "fragments[2].assets.css[0]", "is on another origin"),
                bad("asset list written as text", withFragment("{name: billing, team: billing, url: 'http://b/', assets: {js: /b.js}}"),
                        "fragments[2].assets.js", "expected a list of script paths, got text; write [/b.js]"),
                bad("proxy entry with dot segments", withFragment("{name: billing, team: billing, url: 'http://b/', proxy: ['/api/../admin']}"),
                        "fragments[2].proxy[0]", "must not contain '.' or '..' segments"),
                bad("proxy entry relative", withFragment("{name: billing, team: billing, url: 'http://b/', proxy: [api]}"),
                        "fragments[2].proxy[0]", "must start with '/'"),
                bad("async as text", withFragment("{name: billing, team: billing, url: 'http://b/', async: 'yes please'}"),
                        "fragments[2].async", "expected true or false"),
                bad("per-fragment breaker typo", withFragment("{name: billing, team: billing, url: 'http://b/', circuitBreaker: {openfor: 5s}}"),
                        "fragments[2].circuitBreaker.openfor", "did you mean 'openFor'?"),
                // pages
                bad("page path without slash", withPage("{path: admin, layout: admin, slots: {main: nav}}"), "pages[0].path",
                        "must start with '/'"),
                bad("page path on the gateway's own paths", withPage("{path: /actuator/health, layout: admin, slots: {main: nav}}"),
                        "pages[0].path", "collides with the gateway's own /actuator/** paths"),
                bad("page path under the proxy", withPage("{path: /fragments/x, layout: admin, slots: {main: nav}}"), "pages[0].path",
                        "collides with the gateway's own /fragments/** paths"),
                bad("page path with trailing slash", withPage("{path: /admin/, layout: admin, slots: {main: nav}}"), "pages[0].path",
                        "must not end with '/'; write /admin"),
                bad("duplicate page path", withPage("{path: /a, layout: admin, slots: {main: nav}}\n  - {path: /a, layout: admin, slots: {main: members}}"),
                        "pages[1].path", "page '/a' is defined twice"),
                bad("unknown layout", withPage("{path: /a, layout: admn, slots: {main: nav}}"), "pages[0].layout",
                        "unknown layout 'admn'; did you mean 'admin'?"),
                bad("slot not in layout", withPage("{path: /a, layout: admin, slots: {mian: nav}}"), "pages[0].slots.mian",
                        "layout 'admin' has no slot 'mian'; did you mean 'main'?"),
                bad("unknown fragment in slot", withPage("{path: /a, layout: admin, slots: {main: membres}}"), "pages[0].slots.main",
                        "unknown fragment 'membres'; did you mean 'members'?"),
                bad("unknown fragment in a slot list", withPage("{path: /a, layout: admin, slots: {aside: [nav, billing]}}"),
                        "pages[0].slots.aside[1]", "unknown fragment 'billing'"),
                bad("fragment twice on a page", withPage("{path: /a, layout: admin, slots: {header: nav, aside: [nav]}}"),
                        "pages[0].slots.aside[0]", "fragment 'nav' is already on this page at pages[0].slots.header"),
                bad("primary not on the page", withPage("{path: /a, layout: admin, primary: members, slots: {main: nav}}"),
                        "pages[0].primary", "fragment 'members' is not on this page; primary must be one of the page's fragments: nav"),
                bad("empty slot list", withPage("{path: /a, layout: admin, slots: {main: []}}"), "pages[0].slots.main",
                        "an empty list fills nothing"),
                bad("open slot set to false", withPage("{path: /a, layout: dashboard, slots: {widgets: {open: false}}}"),
                        "pages[0].slots.widgets.open", "'open: false' fills nothing"),
                bad("open slot with unknown key", withPage("{path: /a, layout: dashboard, slots: {widgets: {open: true, limit: 3}}}"),
                        "pages[0].slots.widgets.limit", "unknown field 'limit'"),
                bad("slot as a number", withPage("{path: /a, layout: admin, slots: {main: 7}}"), "pages[0].slots.main",
                        "expected a fragment name, a list of fragment names or {open: true}, got the number 7"),
                bad("page without slots", withPage("{path: /a, layout: admin}"), "pages[0].slots", "missing: a mapping of slot names"),
                bad("slots as a list", withPage("{path: /a, layout: admin, slots: [nav]}"), "pages[0].slots",
                        "expected a mapping of slot names to fragments, got a list"));
    }

    private static Arguments bad(String description, String yaml, String path, String message) {
        return Arguments.of(description, yaml, path, message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void isRefusedWithThePathAndAHelpfulMessage(String description, String yaml, String path, String message) {
        ReadResult result = new ManifestReader().read("m.yaml", yaml);
        assertThat(result.valid()).isFalse();
        assertThat(result.manifest()).isEmpty();
        List<Problem> matching = result.problems().stream().filter(p -> p.path().equals(path)).toList();
        assertThat(matching).as("problems at %s among %s", path, result.problems()).isNotEmpty();
        assertThat(matching).anySatisfy(problem -> {
            assertThat(problem.message()).contains(message);
            assertThat(problem.file()).isEqualTo("m.yaml");
            assertThat(problem.line()).isPositive();
            assertThat(problem.column()).isPositive();
        });
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
