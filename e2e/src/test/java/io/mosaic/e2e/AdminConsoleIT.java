package io.mosaic.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Response;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The demo admin console as a user sees it: the six fragment processes of the demo manifest, a
 * seventh that no manifest lists, and the gateway jar, really started, driven through a real
 * Chromium.
 *
 * <p>Tests 7 to 9 and 11 register {@code service-status} into the dashboard's open slot through
 * the registration API and through {@code manifest.jar publish}, as the insights team would. Each
 * removes its registration before it ends, so that every other test sees the manifest's widgets
 * only; they share this class's console because a second one costs eight more JVMs on the 2-core
 * machine the suite runs on.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdminConsoleIT {

    /** Every fragment's deadline in this suite's copy of the demo manifest. */
    static final java.time.Duration FRAGMENT_TIMEOUT = java.time.Duration.ofSeconds(2);

    private static ConsoleProcesses console;
    private static Chromium chromium;
    private Page page;

    @BeforeAll
    static void startConsole() {
        console = ConsoleProcesses.startOnFreePorts(ConsoleProcesses.repositoryRoot().resolve("e2e/target/it-console"), FRAGMENT_TIMEOUT);
        chromium = Chromium.start();
    }

    @AfterAll
    static void stopConsole() throws Exception {
        Teardown.close(chromium, console);
    }

    @BeforeEach
    void openBrowser() {
        page = chromium.open(1280, 900);
    }

    @AfterEach
    void closeBrowser() {
        chromium.closePages();
    }

    private String url(String path) {
        return console.gatewayUrl() + path;
    }

    private Locator box(String fragment) {
        return page.locator("[data-fragment=\"" + fragment + "\"]");
    }

    @Test
    @Order(1)
    void everyFragmentOfTheConsoleIsVisibleAndFresh() throws Exception {
        Response response = page.navigate(url("/admin"));
        assertThat(response.status()).isEqualTo(200);
        for (DemoFragments.Fragment fragment : DemoFragments.IN_MANIFEST) {
            assertThat(box(fragment.name())).isVisible();
            assertThat(box(fragment.name())).hasAttribute("data-fragment-state", "ok");
        }
        assertThat(page.locator("html")).hasCount(1);
        assertThat(box("members").locator("tbody tr").first()).isVisible();
        // Billing renders in the browser from its own API, reached through the gateway's proxy.
        assertThat(box("billing").locator(".billing-plan")).containsText("Business+");
        // The org tree's web component ran and loaded its root from its API.
        assertThat(box("org-tree").locator("org-tree [data-node-id]").first()).isVisible();

        Path shot = ConsoleProcesses.repositoryRoot().resolve("e2e/target/admin-console.png");
        page.screenshot(new Page.ScreenshotOptions().setPath(shot).setFullPage(true));
        if (Boolean.getBoolean("mosaic.updateScreenshot")) {
            Path committed = ConsoleProcesses.repositoryRoot().resolve("e2e/docs/admin-console.png");
            Files.createDirectories(committed.getParent());
            Files.copy(shot, committed, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Test
    @Order(2)
    void noTeamsStylesheetRestylesAnotherTeamsBox() {
        page.navigate(url("/admin"));
        assertThat(page.locator("link[rel=stylesheet]")).not().hasCount(0);
        for (DemoFragments.Fragment fragment : DemoFragments.IN_MANIFEST) {
            // Every element of the box must look the same with and without the other teams' stylesheets.
            Object unchanged = page.evaluate("""
                    name => {
                      const box = document.querySelector(`[data-fragment="${name}"]`);
                      const props = ['color', 'background-color', 'font-size', 'font-family', 'font-weight', 'margin',
                                     'padding', 'border-top', 'display', 'text-transform', 'line-height'];
                      const look = () => [box, ...box.querySelectorAll('*')]
                          .map(e => props.map(p => getComputedStyle(e).getPropertyValue(p)).join('|')).join('\\n');
                      const others = [...document.querySelectorAll('link[rel=stylesheet]')]
                          .filter(l => !new URL(l.href).pathname.startsWith(`/fragments/${name}/`));
                      const before = look();
                      others.forEach(l => l.disabled = true);
                      const after = look();
                      others.forEach(l => l.disabled = false);
                      return before === after;
                    }""", fragment.name());
            assertThat(unchanged).as("box of %s unaffected by other teams' CSS", fragment.name()).isEqualTo(true);
        }
    }

    @Test
    @Order(3)
    void memberSearchFiltersServerSideThroughThePage() {
        page.navigate(url("/admin/members"));
        Locator rows = box("members").locator("tbody tr");
        int all = rows.count();
        assertThat(all).isGreaterThan(3);
        Locator search = box("members").locator("input[name=q]");
        search.fill("engineering");
        search.press("Enter");
        page.waitForURL("**/admin/members?q=engineering");
        assertThat(box("members")).hasAttribute("data-fragment-state", "ok");
        int filtered = box("members").locator("tbody tr").count();
        assertThat(filtered).isBetween(1, all - 1);
        for (String text : box("members").locator("tbody tr").allInnerTexts()) {
            assertThat(text.toLowerCase()).contains("engineering");
        }
    }

    @Test
    @Order(4)
    void organisationTreeExpandsOnClickThroughTheProxy() {
        page.navigate(url("/admin/organisation"));
        Locator tree = box("org-tree").locator("org-tree");
        Locator firstDepartment = tree.locator("[data-node-id]").nth(1);
        assertThat(firstDepartment).isVisible();
        String id = firstDepartment.getAttribute("data-node-id");
        int before = tree.locator("[data-node-id]").count();
        Response api = page.waitForResponse(r -> r.url().contains("/fragments/org-tree/api/org/" + id),
                firstDepartment::click);
        assertThat(api.status()).isEqualTo(200);
        page.waitForCondition(() -> tree.locator("[data-node-id]").count() > before);
        assertThat(tree.locator("[data-node-id]").count()).isGreaterThan(before);
    }

    @Test
    @Order(5)
    void aNonBlockingFragmentFillsItsPlaceholderInTheBrowserAndShowsWithoutJavaScript() {
        // As sent: audit (async in the demo manifest) is a pending placeholder in the aside, its content at the end.
        String sent = page.request().get(url("/admin/members")).text();
        assertThat(sent).contains("data-fragment-pending=\"audit\"");
        assertThat(sent.indexOf("data-fragment-late")).isGreaterThan(sent.indexOf("</main>"));

        page.navigate(url("/admin/members"));
        assertThat(page.locator("aside.mosaic-aside > [data-fragment=audit]")).hasAttribute("data-fragment-state", "ok");
        assertThat(page.locator("aside.mosaic-aside > [data-fragment=audit] li").first()).isVisible();
        assertThat(page.locator("[data-fragment-pending]")).hasCount(0);
        assertThat(page.locator("[data-fragment-late]")).hasCount(0);

        try (BrowserContext noScript = chromium.browser().newContext(new Browser.NewContextOptions().setJavaScriptEnabled(false))) {
            Page plain = noScript.newPage();
            plain.navigate(url("/admin/members"));
            assertThat(plain.locator("body > [data-fragment=audit][data-fragment-late]")).isVisible();
            assertThat(plain.locator("body > [data-fragment=audit] li").first()).isVisible();
        }
    }

    @Test
    @Order(6)
    void theFragmentNoManifestListsRunsOnItsOwnPortButNoPageComposesIt() {
        String name = DemoFragments.SERVICE_STATUS.name();
        APIResponse direct = page.request().get(console.fragmentUrl(name).toString());
        assertThat(direct.status()).isEqualTo(200);
        assertThat(direct.headers()).containsEntry("x-fragment-version", DemoFragments.SERVICE_STATUS.version());
        assertThat(direct.text()).contains("class=\"insights-service-status\"");

        page.navigate(url("/admin"));
        assertThat(page.locator(".mosaic-fragment")).hasCount(DemoFragments.IN_MANIFEST.size());
        assertThat(box(name)).hasCount(0);
        assertThat(page.locator("link[href*=\"/fragments/" + name + "/\"]")).hasCount(0);
    }

    @Test
    @Order(10)
    void pageStillRendersWithinTheDeadlineWhenAFragmentProcessIsKilled() {
        page.navigate(url("/admin"));
        console.kill("billing");
        try {
            long started = System.nanoTime();
            Response response = page.navigate(url("/admin"), new Page.NavigateOptions().setWaitUntil(
                    com.microsoft.playwright.options.WaitUntilState.DOMCONTENTLOADED));
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertThat(response.status()).isEqualTo(200);
            assertThat(millis).as("page time with billing dead").isLessThan(FRAGMENT_TIMEOUT.toMillis() + 500);
            // It answered before it died: its last good copy stands in.
            assertThat(box("billing")).hasAttribute("data-fragment-state", "stale");
            for (String other : List.of("nav", "members", "org-tree", "security", "audit")) {
                assertThat(box(other)).hasAttribute("data-fragment-state", "ok");
            }
            // A variant of the page it never answered (the query reaches fragments) has no copy: the fallback.
            page.navigate(url("/admin?view=compact"));
            assertThat(box("billing")).hasAttribute("data-fragment-state", "fallback");
            assertThat(box("billing")).containsText("Billing is unavailable right now");
            for (String other : List.of("nav", "members", "org-tree", "security", "audit")) {
                assertThat(box(other)).hasAttribute("data-fragment-state", "ok");
            }
        } finally {
            console.restart("billing");
        }
    }
    // ---- Team self-registration: the insights team puts its widget into the dashboard. ----

    private static final String SERVICE_STATUS = DemoFragments.SERVICE_STATUS.name();
    /** A registration is on pages within about a second; this leaves room for a busy machine. */
    private static final Duration LIVE_WITHIN = Duration.ofSeconds(10);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** The fragment document of {@code e2e/demo/service-status.yaml} as JSON, at the port the widget got here. */
    private String serviceStatusJson(String slot, int order, String fallback) {
        return """
                {"name": "service-status", "team": "insights", "url": "%s", "timeout": "800ms",
                 "fallback": "%s", "assets": {"css": ["/assets/service-status.css"]},
                 "mount": [{"page": "/admin", "slot": "%s", "order": %d}]}""".formatted(
                console.fragmentUrl(SERVICE_STATUS), fallback, slot, order);
    }

    private HttpResponse<String> api(String method, String name, String token, String json, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(console.controlUrl() + "/api/fragments/" + name))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The fragment names in the dashboard's widgets slot, in page order, once every async box has moved in. */
    private List<String> widgets() {
        page.navigate(url("/admin"));
        // What the page emits for a non-blocking fragment: a placeholder, then its late box, which the mover puts in place.
        assertThat(page.locator("[data-fragment-pending]")).hasCount(0);
        assertThat(page.locator("[data-fragment-late]")).hasCount(0);
        return page.locator("main.mosaic-widgets > [data-fragment]").evaluateAll("boxes => boxes.map(b => b.dataset.fragment)")
                instanceof List<?> names ? names.stream().map(String::valueOf).toList() : List.of();
    }

    /** Reloads {@code /admin} until its widgets are {@code expected}: a change is live within about a second. */
    private void awaitWidgets(List<String> expected) throws InterruptedException {
        long deadline = System.nanoTime() + LIVE_WITHIN.toNanos();
        List<String> seen = widgets();
        while (!seen.equals(expected) && System.nanoTime() < deadline) {
            Thread.sleep(200);
            seen = widgets();
        }
        assertThat(seen).as("widgets on /admin").isEqualTo(expected);
    }

    private List<String> manifestWidgets() {
        return List.of("members", "org-tree", "billing", "security", "audit");
    }

    private List<String> with(List<String> widgets, int index, String name) {
        List<String> all = new ArrayList<>(widgets);
        all.add(index, name);
        return all;
    }

    /** Removes service-status's registration if there is one (If-Match with its current ETag), and waits until no page shows it. */
    private void unregisterServiceStatus() throws Exception {
        HttpResponse<String> current = api("GET", SERVICE_STATUS, DemoRegistry.token("insights"), null);
        if (current.statusCode() == 200) {
            String etag = current.headers().firstValue("ETag").orElseThrow();
            assertThat(api("DELETE", SERVICE_STATUS, DemoRegistry.token("insights"), null, "If-Match", etag).statusCode())
                    .as("DELETE service-status").isEqualTo(204);
        }
        awaitWidgets(manifestWidgets());
    }

    @Test
    @Order(7)
    void aTeamRegistersItsWidgetThroughTheApiAndTheDashboardShowsItSixth() throws Exception {
        assertThat(widgets()).isEqualTo(manifestWidgets());
        try {
            HttpResponse<String> created = api("PUT", SERVICE_STATUS, DemoRegistry.token("insights"),
                    serviceStatusJson("widgets", 60, "<p>Service status is unavailable right now.</p>"), "If-None-Match", "*");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            assertThat(created.headers().firstValue("ETag")).isPresent();
            assertThat(created.body()).contains("\"name\":\"service-status\"", "\"team\":\"insights\"", "\"revision\":",
                    "\"fragment\":{");

            // The sixth widget, after audit (order 60 after 50).
            awaitWidgets(with(manifestWidgets(), 5, SERVICE_STATUS));
            assertThat(box(SERVICE_STATUS)).isVisible();
            assertThat(box(SERVICE_STATUS)).hasAttribute("data-fragment-state", "ok");
            // Its own stylesheet, from its own origin through the gateway, styles its box.
            assertThat(page.locator("link[rel=stylesheet][href*=\"/fragments/service-status/\"]")).hasCount(1);
            Locator root = box(SERVICE_STATUS).locator(".insights-service-status");
            assertThat(root).isVisible();
            assertThat(root).hasCSS("border-top-color", "rgb(15, 107, 122)");
            assertThat(root).hasCSS("border-top-width", "4px");
            for (String other : manifestWidgets()) {
                assertThat(box(other)).hasAttribute("data-fragment-state", "ok");
            }
        } finally {
            unregisterServiceStatus();
        }
    }

    @Test
    @Order(8)
    void aBadRegistrationIsRefusedWithTheFieldNamedAndChangesNothing() throws Exception {
        List<String> before = widgets();
        HttpResponse<String> refused = api("PUT", SERVICE_STATUS, DemoRegistry.token("insights"),
                serviceStatusJson("widgetz", 60, "<p>Unavailable.</p>"), "If-None-Match", "*");
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(refused.body()).containsPattern("\"field\":\"mount[^\"]*slot\"").contains("widgetz");

        assertThat(api("GET", SERVICE_STATUS, DemoRegistry.token("insights"), null).statusCode()).isEqualTo(404);
        Thread.sleep(1500); // past the time in which an accepted change would be live
        assertThat(widgets()).isEqualTo(before).isEqualTo(manifestWidgets());
        assertThat(box(SERVICE_STATUS)).hasCount(0);
    }

    @Test
    @Order(9)
    void aTeamCannotChangeAnotherTeamsFragmentNorRegisterOneInItsName() throws Exception {
        String insights = DemoRegistry.token("insights");
        String peopleToken = DemoRegistry.token("people");
        // A fragment the people team registered itself...
        String people = serviceStatusJson("widgets", 70, "<p>Unavailable.</p>")
                .replace("\"service-status\"", "\"people-status\"").replace("\"insights\"", "\"people\"");
        HttpResponse<String> created = api("PUT", "people-status", peopleToken, people, "If-None-Match", "*");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String etag = created.headers().firstValue("ETag").orElseThrow();
        try {
            // ...the insights token may not replace, even naming its current revision, disable or remove.
            HttpResponse<String> replace = api("PUT", "people-status", insights,
                    people.replace("\"people\"", "\"insights\""), "If-Match", etag);
            assertThat(replace.statusCode()).as(replace.body()).isEqualTo(403);
            HttpResponse<String> asPeople = api("PUT", "people-status", insights, people, "If-Match", etag);
            assertThat(asPeople.statusCode()).as(asPeople.body()).isEqualTo(403);
            assertThat(asPeople.body()).contains("\"field\":\"team\"");
            assertThat(api("POST", "people-status/disable", insights, null).statusCode()).isEqualTo(403);
            assertThat(api("DELETE", "people-status", insights, null, "If-Match", etag).statusCode()).isEqualTo(403);
            HttpResponse<String> unchanged = api("GET", "people-status", peopleToken, null);
            assertThat(unchanged.headers().firstValue("ETag")).contains(etag);
            assertThat(unchanged.body()).contains("\"enabled\":true").contains("\"updatedBy\":\"team:people\"");

            // Nor may it register a new fragment in the people team's name.
            HttpResponse<String> register = api("PUT", "people-second", insights,
                    people.replace("\"people-status\"", "\"people-second\""), "If-None-Match", "*");
            assertThat(register.statusCode()).as(register.body()).isEqualTo(403);
            assertThat(register.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(register.body()).contains("\"field\":\"team\"");
            assertThat(api("GET", "people-second", insights, null).statusCode()).isEqualTo(404);
        } finally {
            assertThat(api("DELETE", "people-status", peopleToken, null, "If-Match", etag).statusCode()).isEqualTo(204);
        }
        awaitWidgets(manifestWidgets());
        assertThat(box("members")).hasAttribute("data-fragment-state", "ok");
    }

    /** Runs {@code manifest.jar publish FILE --gateway URL} as a team's CI would, with the insights token. */
    private String publish(Path file) throws Exception {
        Path root = ConsoleProcesses.repositoryRoot();
        Path output = Files.createTempFile(file.getParent(), "publish", ".log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", root.resolve("manifest/target/manifest.jar").toString(), "publish", file.toString(),
                "--gateway", console.controlUrl().toString())
                .directory(root.toFile()).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().put("MOSAIC_TOKEN", DemoRegistry.token("insights"));
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("publish finished").isTrue();
        String printed = Files.readString(output);
        assertThat(process.exitValue()).as("publish exit status; it printed:%n%s", printed).isZero();
        return printed;
    }

    @Test
    @Order(11)
    void publishingTheTeamsFragmentDocumentCreatesItThenUpdatesIt() throws Exception {
        // The team's file as committed, pointed at the port the widget got in this run.
        Path committed = ConsoleProcesses.repositoryRoot().resolve("e2e/demo/service-status.yaml");
        String document = Files.readString(committed);
        String committedUrl = "http://127.0.0.1:" + DemoFragments.SERVICE_STATUS.defaultPort() + "/fragment";
        assertThat(document).contains(committedUrl, "order: 60");
        Path dir = Files.createDirectories(ConsoleProcesses.repositoryRoot().resolve("e2e/target/it-publish"));
        Path file = dir.resolve("service-status.yaml");
        Files.writeString(file, document.replace(committedUrl, console.fragmentUrl(SERVICE_STATUS).toString()));
        try {
            assertThat(publish(file)).contains("published service-status (revision ");
            awaitWidgets(with(manifestWidgets(), 5, SERVICE_STATUS));
            assertThat(box(SERVICE_STATUS)).hasAttribute("data-fragment-state", "ok");

            // The team's next commit moves the widget to the front and rewords its fallback.
            String fallback = "<p>Service status is being updated; see the status page.</p>";
            Files.writeString(file, Files.readString(file).replace("order: 60", "order: 5")
                    .replaceAll("(?m)^fallback: .*$", "fallback: " + fallback));
            assertThat(publish(file)).contains("published service-status (revision ");
            awaitWidgets(with(manifestWidgets(), 0, SERVICE_STATUS));
            assertThat(box(SERVICE_STATUS)).hasAttribute("data-fragment-state", "ok");
            HttpResponse<String> stored = api("GET", SERVICE_STATUS, DemoRegistry.token("insights"), null);
            assertThat(stored.body()).contains(fallback, "\"order\":5");
        } finally {
            unregisterServiceStatus();
        }
    }
}
