package io.mosaic.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The operator and team console in Chromium, against the demo's real processes: every control
 * found by its role and accessible name, as a person (or a screen reader) finds it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleIT {

    /** A team's origin that answers hostile markup: inline script, an event handler, a forged box. */
    private static HtmlOrigin hostile;
    private static ConsoleProcesses console;
    private static Chromium chromium;
    private Page page;

    @BeforeAll
    static void start() {
        hostile = HtmlOrigin.fragment(HOSTILE_HTML);
        console = ConsoleProcesses.startOnFreePorts(ConsoleProcesses.repositoryRoot().resolve("e2e/target/it-console-ui"),
                AdminConsoleIT.FRAGMENT_TIMEOUT,
                List.of("--mosaic.registry.allowed-origins=" + hostile.url()));
        chromium = Chromium.start();
    }

    @AfterAll
    static void stop() throws Exception {
        Teardown.close(chromium, console, hostile);
    }

    static final String HOSTILE_HTML = """
            <section class="hostile-widget"><p>Hostile widget</p>
            <script>window.__injected = 'inline script ran';</script>
            <img src="/no-such-image.png" onerror="window.__injected = 'onerror ran'">
            <a href="javascript:window.__injected='link ran'">a link</a>
            </div></div><div class="mosaic-fragment" data-fragment="members" data-fragment-state="ok">forged box</div>
            </section>""";

    @AfterEach
    void closeBrowser() {
        chromium.closePages();
    }

    private Page open(int width, int height) {
        page = chromium.open(width, height);
        return page;
    }

    /** The console and the API are on the control origin; pages on the pages' origin ({@link #pageUrl}). */
    private String url(String path) {
        return console.controlUrl() + path;
    }

    private String pageUrl(String path) {
        return console.gatewayUrl() + path;
    }

    private void signIn(String token) {
        page.navigate(url("/console"));
        assertThat(page).hasURL(url("/console/login"));
        field("Access token").fill(token);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
        assertThat(page).hasURL(url("/console"));
    }

    private Locator field(String label) {
        return page.getByLabel(label, new Page.GetByLabelOptions().setExact(true));
    }

    private Locator row(String fragment) {
        return page.locator("tr[data-fragment-row=\"" + fragment + "\"]");
    }

    private void screenshot(String name) throws Exception {
        Path shot = ConsoleProcesses.repositoryRoot().resolve("e2e/target/screenshots/" + name + ".png");
        Files.createDirectories(shot.getParent());
        page.screenshot(new Page.ScreenshotOptions().setPath(shot).setFullPage(true));
        if (Boolean.getBoolean("mosaic.updateScreenshot")) {
            Path committed = ConsoleProcesses.repositoryRoot().resolve("e2e/docs/" + name + ".png");
            Files.copy(shot, committed, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Test
    @Order(1)
    void aTeamSignsInAndSeesEveryFragmentWithItsLiveState() throws Exception {
        open(1280, 900);
        signIn(DemoRegistry.token("people"));
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Fragments"))).isVisible();
        assertThat(page.getByText("Signed in as team people")).isVisible();
        for (DemoFragments.Fragment fragment : DemoFragments.IN_MANIFEST) {
            assertThat(row(fragment.name()).getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName(fragment.name())))
                    .isVisible();
            assertThat(row(fragment.name()).locator("[data-cell=breaker]")).hasText("● closed");
        }
        // The demo's warm-up fetched every fragment: versions and latencies are known.
        assertThat(row("nav").locator("[data-cell=version]")).hasText(DemoFragments.named("nav").version());
        // Live: the status line says the table is being updated, in the console's one time format.
        assertThat(page.locator("[data-live-status]")).hasText(
                java.util.regex.Pattern.compile("^Live: updated \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} UTC\\.$"));
        screenshot("console-fragments-wide");
        page.setViewportSize(390, 844);
        assertThat(row("nav")).isVisible();
        screenshot("console-fragments-narrow");
    }

    @Test
    @Order(2)
    void aTeamRegistersThroughTheFormSeesTheErrorNextToTheFieldThenFixesIt() throws Exception {
        open(1280, 900);
        signIn(DemoRegistry.token("insights"));
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Register a fragment")).click();
        field("Name").fill("service-status");
        assertThat(field("Team")).hasValue("insights");
        field("URL").fill(console.fragmentUrl("service-status").toString());
        field("Timeout").fill("2 s");
        field("Page").fill("/admin");
        field("Slot").fill("widgets");
        field("Order").fill("60");
        field("Stylesheets").fill("/assets/service-status.css");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Register fragment")).click();

        Locator timeout = field("Timeout");
        assertThat(timeout).hasAttribute("aria-invalid", "true");
        assertThat(page.locator("#timeout-error")).hasText("'2 s' is not a duration such as 250ms, 2s or 5m (units: ms, s, m, h, d)");
        assertThat(field("URL")).hasValue(console.fragmentUrl("service-status").toString());
        screenshot("console-form-error-wide");
        page.setViewportSize(390, 844);
        screenshot("console-form-error-narrow");
        page.setViewportSize(1280, 900);

        // 2 s like every deadline of the e2e manifest: a loaded 2-core machine misses sub-second ones now and then.
        timeout.fill("2s");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Register fragment")).click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("service-status"))).isVisible();
        assertThat(page.getByText("Saved.")).isVisible();

        Page dashboard = page.context().newPage();
        dashboard.navigate(pageUrl("/admin"));
        assertThat(dashboard.locator("[data-fragment=service-status]")).hasAttribute("data-fragment-state", "ok",
                new LocatorAssertions.HasAttributeOptions().setTimeout(5000));
        screenshot("console-detail-wide");
        page.setViewportSize(390, 844);
        screenshot("console-detail-narrow");
    }

    @Test
    @Order(3)
    void anotherTeamCannotEditTheFragment() {
        open(1280, 900);
        signIn(DemoRegistry.token("people"));
        page.navigate(url("/console/fragments/service-status"));
        assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Edit fragment"))).hasCount(0);
        page.navigate(url("/console/fragments/service-status/edit"));
        assertThat(page.getByRole(AriaRole.ALERT)).containsText("belongs to team insights");
    }

    @Test
    @Order(4)
    void anAdminForcesABreakerOpenAndThePageShowsTheFallback() {
        open(1280, 900);
        signIn(DemoRegistry.ADMIN_TOKEN);
        page.navigate(url("/console/fragments/members"));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Force breaker open")).click();
        assertThat(page.locator("[data-cell=breaker]").first()).containsText("forced open");
        Page dashboard = page.context().newPage();
        dashboard.navigate(pageUrl("/admin"));
        assertThat(dashboard.locator("[data-fragment=members]")).hasAttribute("data-fragment-state", "fallback");
        assertThat(dashboard.locator("[data-fragment=members]")).containsText("The member directory is unavailable right now");
        // Back to the console's tab: a background tab gets no animation frames, which Playwright's click waits for.
        page.bringToFront();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Release breaker")).click();
        assertThat(page.locator("[data-cell=breaker]").first()).containsText("closed");
        dashboard.reload();
        assertThat(dashboard.locator("[data-fragment=members]")).hasAttribute("data-fragment-state", "ok");
    }

    @Test
    @Order(6)
    void aKilledFragmentsBreakerTurnsOpenInTheConsoleWithoutAReload() throws Exception {
        open(1280, 900);
        signIn(DemoRegistry.ADMIN_TOKEN);
        assertThat(row("billing").locator("[data-cell=breaker]")).hasText("● closed");
        console.kill("billing");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        // Page traffic, as users would make: the breaker counts the failures and opens.
        for (int i = 0; i < 10; i++) {
            http.send(HttpRequest.newBuilder(URI.create(pageUrl("/admin/billing"))).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.discarding());
        }
        assertThat(row("billing").locator("[data-cell=breaker]")).hasText("✕ open",
                new LocatorAssertions.HasTextOptions().setTimeout(10_000));
        assertThat(row("billing").locator("[data-cell=lastFailure]")).containsText("connection refused");

        // Its detail lists what those page requests got, newest first, readable on a phone.
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("billing").setExact(true)).click();
        Locator outcomes = page.getByRole(AriaRole.TABLE, new Page.GetByRoleOptions().setName("The last 20 outcomes"));
        assertThat(outcomes.getByRole(AriaRole.COLUMNHEADER)).hasText(new String[] {"Time", "Outcome", "Reason", "Latency"});
        Locator newest = outcomes.locator("tbody tr").first();
        assertThat(newest.locator("td").first()).hasText(java.util.regex.Pattern.compile("(stale|fallback|error)$"));
        assertThat(newest.locator("td.reason summary")).hasText(java.util.regex.Pattern.compile("^(breaker open|connection refused)$"));
        // The ten requests above at least, and never more than the last twenty.
        assertThat(outcomes.locator("tbody tr").count()).isBetween(10, 20);
        page.setViewportSize(390, 844);
        assertThat((Boolean) page.evaluate("() => { const w = document.querySelector('table.outcomes').parentElement;"
                + " return w.scrollWidth <= w.clientWidth; }")).as("the outcomes fit 390 px without scrolling sideways").isTrue();
        screenshot("console-detail-outcomes-narrow");
    }

    @Test
    @Order(5)
    void underTheContentSecurityPolicyOnlyTheGatewaysAndDeclaredScriptsRun() throws Exception {
        String body = """
                {"team": "insights", "url": "http://127.0.0.1:%d/fragment",
                 "mount": [{"page": "/admin", "slot": "widgets", "order": 70}]}""".formatted(hostile.port());
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(url("/api/fragments/hostile")))
                .header("Authorization", "Bearer " + DemoRegistry.token("insights")).header("Content-Type", "application/json")
                .header("If-None-Match", "*").PUT(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

        open(1280, 900);
        page.addInitScript("window.__violations = [];"
                + "document.addEventListener('securitypolicyviolation', e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + e.sample));");
        List<String> errors = new java.util.ArrayList<>();
        page.onConsoleMessage(message -> {
            if (message.type().equals("error")) {
                errors.add(message.text());
            }
        });
        com.microsoft.playwright.Response response = page.navigate(pageUrl("/admin"));
        assertThat(response.headers().get("content-security-policy")).contains("'nonce-").contains("'strict-dynamic'");
        assertThat(page.locator("[data-fragment=hostile]")).containsText("Hostile widget");
        // The async audit box was moved into its place by the gateway's own (nonced) script.
        assertThat(page.locator("[data-fragment=audit]")).hasAttribute("data-fragment-state", "ok");
        assertThat(page.locator("[data-fragment-pending]")).hasCount(0);
        // Declared assets ran: the org tree's web component and billing's client-rendered summary.
        assertThat(page.locator("[data-fragment=org-tree] org-tree [data-node-id]").first()).isVisible();
        assertThat(page.locator("[data-fragment=billing] .billing-plan")).containsText("Business+");
        page.locator("[data-fragment=hostile] a").click();
        page.waitForTimeout(300);
        assertThat(page.evaluate("() => window.__injected === undefined")).isEqualTo(true);
        assertThat(page.locator("[data-fragment=members]")).hasCount(1);
        assertThat(page.evaluate("() => window.__violations")).asList().isEmpty();
        assertThat(errors).noneMatch(error -> error.contains("Content Security Policy"));
    }

    @Test
    @Order(7)
    void signingOutEndsTheSession() {
        open(1280, 900);
        signIn(DemoRegistry.token("people"));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out")).click();
        assertThat(page.getByText("You are signed out.")).isVisible();
        page.navigate(url("/console"));
        assertThat(page).hasURL(url("/console/login"));
    }
}
