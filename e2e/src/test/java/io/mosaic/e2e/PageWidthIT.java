package io.mosaic.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.mosaic.manifest.ManifestReader;
import io.mosaic.manifest.PageDefinition;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * No page of the demo scrolls sideways, on a laptop (1280 × 800) or a phone (390 × 844): every
 * page of the demo manifest, the dashboard with the insights team's widget registered, and the
 * console's views. A fragment that is wider than its box anyway (a team's mistake the gateway
 * cannot prevent) scrolls inside its own box, in both built-in layouts, and the page keeps its
 * width.
 *
 * <p>"Scrolls sideways" is measured as the browser decides it: the document's
 * {@code scrollWidth} against its {@code clientWidth} (the viewport less any vertical scroll
 * bar, so also at most {@code innerWidth}), after every client-rendered fragment has rendered.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PageWidthIT {

    /** A laptop and a phone, in CSS pixels. */
    static final List<int[]> VIEWPORTS = List.of(new int[] {1280, 800}, new int[] {390, 844});

    /**
     * A fragment that is too wide for any box: a preformatted line that cannot wrap and a table
     * of unbreakable cells, as a team might ship by mistake; at the table's far end a visually
     * hidden label (absolutely positioned, as such labels are), which escapes a scrolling box that
     * is not its containing block.
     */
    static final String WIDE_HTML = """
            <section class="wide-widget"><h2>Deploy log</h2>
            <pre>%s</pre>
            <table><tr>%s<td><span style="position: absolute; width: 1px; height: 1px; overflow: hidden; \
            clip-path: inset(50%%); white-space: nowrap">Actions</span></td></tr></table>
            </section>""".formatted("2026-12-07T20:31:05Z deploy ".repeat(40),
            "<td>a-cell-that-never-wraps-because-it-has-no-spaces</td>".repeat(8));

    private static HtmlOrigin wideOrigin;
    private static ConsoleProcesses console;
    private static Chromium chromium;
    private Page page;

    @BeforeAll
    static void start() {
        wideOrigin = HtmlOrigin.fragment(WIDE_HTML);
        console = ConsoleProcesses.startOnFreePorts(ConsoleProcesses.repositoryRoot().resolve("e2e/target/it-page-width"),
                AdminConsoleIT.FRAGMENT_TIMEOUT);
        chromium = Chromium.start();
    }

    @AfterAll
    static void stop() throws Exception {
        Teardown.close(chromium, console, wideOrigin);
    }

    @AfterEach
    void closeBrowser() {
        chromium.closePages();
    }

    private Page open(int[] viewport) {
        closeBrowser();
        page = chromium.open(viewport[0], viewport[1]);
        return page;
    }

    /** The console and the API on the control origin, pages on the pages' origin. */
    private String url(String path) {
        boolean control = path.startsWith("/console") || path.startsWith("/api") || path.startsWith("/actuator");
        return (control ? console.controlUrl() : console.gatewayUrl()) + path;
    }

    /** The demo manifest's pages, as the gateway serves them. */
    private static List<String> demoPages() {
        return new ManifestReader().read(console.manifestPath()).orThrow().pages().stream().map(PageDefinition::path).toList();
    }

    /** Opens {@code path} and waits until every box has its content: async boxes moved in, client-rendered ones rendered. */
    private void openSettled(String path) {
        page.navigate(url(path));
        assertThat(page.locator("[data-fragment-pending]")).hasCount(0);
        if (page.locator("[data-fragment=billing] .billing-summary").count() > 0) {
            assertThat(page.locator("[data-fragment=billing] .billing-summary")).hasAttribute("data-state", Pattern.compile("loaded|error"));
        }
        if (page.locator("[data-fragment=org-tree] org-tree").count() > 0) {
            assertThat(page.locator("[data-fragment=org-tree] org-tree [data-node-id]").first()).isVisible();
        }
    }

    /**
     * The document's width against the viewport's, and the elements that reach past the viewport's
     * right edge (outermost first), to say what widened the page.
     */
    @SuppressWarnings("unchecked")
    private Map<String, Object> width() {
        return (Map<String, Object>) page.evaluate("""
                () => {
                  const doc = document.documentElement;
                  const describe = e => e.localName + (e.id ? '#' + e.id : '')
                      + (typeof e.className === 'string' && e.className.trim() ? '.' + e.className.trim().split(/\\s+/).join('.') : '')
                      + (e.dataset && e.dataset.fragment ? '[data-fragment=' + e.dataset.fragment + ']' : '')
                      + ' right=' + Math.round(e.getBoundingClientRect().right);
                  const past = [...document.body.querySelectorAll('*')]
                      .filter(e => e.getBoundingClientRect().right > doc.clientWidth + 0.5)
                      .filter(e => !e.parentElement || e.parentElement.getBoundingClientRect().right <= doc.clientWidth + 0.5);
                  return {scrollWidth: doc.scrollWidth, clientWidth: doc.clientWidth, innerWidth: window.innerWidth,
                          past: past.slice(0, 6).map(describe).join(', ')};
                }""");
    }

    /** Every page in {@code paths}, at both widths; one failure lists every page that is too wide. */
    private void assertNoSidewaysScroll(List<String> paths, Runnable signIn) {
        List<String> tooWide = new ArrayList<>();
        List<String> measured = new ArrayList<>();
        for (int[] viewport : VIEWPORTS) {
            open(viewport);
            signIn.run();
            for (String path : paths) {
                openSettled(path);
                Map<String, Object> width = width();
                int scrollWidth = ((Number) width.get("scrollWidth")).intValue();
                int clientWidth = ((Number) width.get("clientWidth")).intValue();
                String line = path + " at " + viewport[0] + " px: scrollWidth " + scrollWidth + ", clientWidth " + clientWidth
                        + ", innerWidth " + width.get("innerWidth");
                measured.add(line);
                screenshot(path, viewport);
                if (scrollWidth > clientWidth) {
                    tooWide.add(line + "; past the edge: " + width.get("past"));
                }
            }
        }
        System.out.println(String.join("\n", measured));
        assertThat(tooWide).as("pages that scroll sideways").isEmpty();
    }

    @Test
    @Order(1)
    void noDemoPageScrollsSidewaysOnALaptopOrAPhone() {
        List<String> pages = demoPages();
        assertThat(pages).contains("/admin", "/admin/members", "/admin/organisation", "/admin/security", "/admin/billing");
        assertNoSidewaysScroll(pages, () -> { });
    }

    /** Registers the insights team's widget into the dashboard, as that team would. */
    private void registerServiceStatus() throws Exception {
        String name = DemoFragments.SERVICE_STATUS.name();
        String document = """
                {"name": "%s", "team": "%s", "url": "%s", "timeout": "2s",
                 "assets": {"css": ["/assets/service-status.css"]},
                 "mount": [{"page": "/admin", "slot": "widgets", "order": 60}]}""".formatted(name, DemoFragments.SERVICE_STATUS.team(),
                console.fragmentUrl(name));
        HttpResponse<String> created = api("PUT", name, document, "If-None-Match", "*");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    private void unregisterServiceStatus() throws Exception {
        String name = DemoFragments.SERVICE_STATUS.name();
        String etag = api("GET", name, null).headers().firstValue("ETag").orElseThrow();
        assertThat(api("DELETE", name, null, "If-Match", etag).statusCode()).isEqualTo(204);
    }

    @Test
    @Order(2)
    void theDashboardWithTheInsightsWidgetRegisteredDoesNotScrollSideways() throws Exception {
        String name = DemoFragments.SERVICE_STATUS.name();
        registerServiceStatus();
        try {
            open(VIEWPORTS.get(0));
            awaitBox("/admin", name);
            assertNoSidewaysScroll(List.of("/admin"), () -> { });
            // Its table keeps clear of its box's edges at both widths.
            for (int[] viewport : VIEWPORTS) {
                open(viewport);
                openSettled("/admin");
                Object inset = page.evaluate("""
                        () => {
                          const root = document.querySelector('[data-fragment=service-status] .insights-service-status');
                          const table = root.querySelector('table');
                          const r = root.getBoundingClientRect(), t = table.getBoundingClientRect();
                          return Math.min(t.left - r.left, r.right - t.right);
                        }""");
                assertThat(((Number) inset).doubleValue()).as("space between the status table and its box at %d px", viewport[0])
                        .isGreaterThanOrEqualTo(12);
            }
        } finally {
            unregisterServiceStatus();
        }
    }

    @Test
    @Order(3)
    void theConsoleDoesNotScrollSideways() throws Exception {
        // A registered fragment's detail has the most to show: revisions, audit entries, recent outcomes.
        registerServiceStatus();
        try {
            open(VIEWPORTS.get(0));
            awaitBox("/admin", DemoFragments.SERVICE_STATUS.name());
            assertNoSidewaysScroll(List.of("/console", "/console/pages", "/console/fragments/members",
                    "/console/fragments/" + DemoFragments.SERVICE_STATUS.name(), "/console/audit", "/console/fragments/new"),
                    this::signInAsAdmin);
        } finally {
            unregisterServiceStatus();
        }
    }

    @Test
    @Order(4)
    void anOverWideFragmentScrollsInsideItsOwnBoxAndThePageKeepsItsWidth() throws Exception {
        Path manifest = console.manifestPath();
        String original = Files.readString(manifest);
        String wideOrigin = PageWidthIT.wideOrigin.url() + "/fragment";
        // The same too-wide fragment as the dashboard's second widget, and in the main column and
        // the aside of a page of the admin layout.
        String wide = original
                .replace("\nfragments:\n", """

                        fragments:
                          - {name: wide, team: platform, url: "%1$s", mount: [{page: /admin, slot: widgets, order: 15}]}
                          - {name: wide-aside, team: platform, url: "%1$s"}
                        """.formatted(wideOrigin))
                .replace("\npages:\n", """

                        pages:
                          - {path: /admin/wide, title: Wide, layout: admin, slots: {header: nav, main: wide, aside: [wide-aside]}}
                        """);
        Files.writeString(manifest, wide);
        try {
            for (int[] viewport : VIEWPORTS) {
                open(viewport);
                awaitBox("/admin/wide", "wide");
                for (String path : List.of("/admin", "/admin/wide")) {
                    openSettled(path);
                    Map<String, Object> width = width();
                    assertThat(((Number) width.get("scrollWidth")).intValue()).as("%s at %d px: %s", path, viewport[0], width)
                            .isLessThanOrEqualTo(((Number) width.get("clientWidth")).intValue());
                    List<String> boxes = path.equals("/admin") ? List.of("wide") : List.of("wide", "wide-aside");
                    for (String box : boxes) {
                        Locator locator = page.locator("[data-fragment=\"" + box + "\"]");
                        assertThat(locator).hasAttribute("data-fragment-state", "ok");
                        @SuppressWarnings("unchecked")
                        Map<String, Object> scroll = (Map<String, Object>) locator.evaluate("""
                                b => ({scrollWidth: b.scrollWidth, clientWidth: b.clientWidth,
                                       right: b.getBoundingClientRect().right, viewport: document.documentElement.clientWidth,
                                       overflowX: getComputedStyle(b).overflowX})""");
                        assertThat(((Number) scroll.get("scrollWidth")).intValue()).as("%s's box on %s at %d px scrolls: %s",
                                box, path, viewport[0], scroll).isGreaterThan(((Number) scroll.get("clientWidth")).intValue());
                        assertThat(scroll.get("overflowX")).as("%s's box overflow-x", box).isIn("auto", "scroll");
                        assertThat(((Number) scroll.get("right")).doubleValue()).as("%s's box ends inside the viewport: %s", box, scroll)
                                .isLessThanOrEqualTo(((Number) scroll.get("viewport")).doubleValue() + 0.5);
                    }
                }
            }
        } finally {
            Files.writeString(manifest, original);
        }
    }

    /** Reloads {@code path} until it has {@code box}: manifest and registry changes are live within about a second. */
    private void awaitBox(String path, String box) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        do {
            page.navigate(url(path));
            if (page.locator("[data-fragment=\"" + box + "\"][data-fragment-state=ok]").count() > 0) {
                return;
            }
            Thread.sleep(200);
        } while (System.nanoTime() < deadline);
        throw new AssertionError(path + " did not show " + box + " within 10 s");
    }

    /** Keeps what was measured for a person to look at: e2e/target/screenshots/page-width/PATH-WIDTH.png. */
    private void screenshot(String path, int[] viewport) {
        String name = path.replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "") + "-" + viewport[0] + ".png";
        page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
                .setPath(ConsoleProcesses.repositoryRoot().resolve("e2e/target/screenshots/page-width").resolve(name)));
    }

    private void signInAsAdmin() {
        page.navigate(url("/console"));
        page.getByLabel("Access token").fill(DemoRegistry.ADMIN_TOKEN);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
        assertThat(page).hasURL(url("/console"));
    }

    private HttpResponse<String> api(String method, String name, String json, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url("/api/fragments/" + name)))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + DemoRegistry.token("insights"))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
