package io.mosaic.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
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
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdminConsoleIT {

    /** Every fragment's deadline in this suite's copy of the demo manifest. */
    static final java.time.Duration FRAGMENT_TIMEOUT = java.time.Duration.ofSeconds(2);

    private static ConsoleProcesses console;
    private static Playwright playwright;
    private static Browser browser;
    private BrowserContext context;
    private Page page;

    @BeforeAll
    static void startConsole() {
        console = ConsoleProcesses.startOnFreePorts(ConsoleProcesses.repositoryRoot().resolve("e2e/target/it-console"), FRAGMENT_TIMEOUT);
        playwright = Chromium.playwright();
        browser = Chromium.launch(playwright);
    }

    @AfterAll
    static void stopConsole() {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
        if (console != null) {
            console.close();
        }
    }

    @BeforeEach
    void openBrowser() {
        context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900));
        page = context.newPage();
    }

    @AfterEach
    void closeBrowser() {
        context.close();
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
        assertThat(sent).contains("id=\"mosaic-pending-audit\"");
        assertThat(sent.indexOf("data-fragment-late")).isGreaterThan(sent.indexOf("</main>"));

        page.navigate(url("/admin/members"));
        assertThat(page.locator("aside.mosaic-aside > [data-fragment=audit]")).hasAttribute("data-fragment-state", "ok");
        assertThat(page.locator("aside.mosaic-aside > [data-fragment=audit] li").first()).isVisible();
        assertThat(page.locator("#mosaic-pending-audit")).hasCount(0);
        assertThat(page.locator("[data-fragment-late]")).hasCount(0);

        try (BrowserContext noScript = browser.newContext(new Browser.NewContextOptions().setJavaScriptEnabled(false))) {
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
        assertThat(direct.headers()).containsEntry("x-fragment-version", "1.0.0");
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
}
