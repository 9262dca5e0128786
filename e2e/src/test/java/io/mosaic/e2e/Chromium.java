package io.mosaic.e2e;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.PlaywrightException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The Chromium the suite drives, headless, with the Playwright that drives it: the one named by
 * {@code -Dmosaic.chromium} or {@code CHROMIUM_PATH}, else Debian's {@code /usr/bin/chromium},
 * else the browser Playwright manages itself. No browser is a failure that says how to get one,
 * never a skip. A test class starts one in its {@code @BeforeAll} and closes it in its
 * {@code @AfterAll}; each test opens its pages in a context of its own ({@link #open}) and
 * {@link #closePages} ends them.
 */
final class Chromium implements AutoCloseable {

    private static final List<String> ARGS = List.of("--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync");

    private final Playwright playwright;
    private final Browser browser;

    private Chromium(Playwright playwright, Browser browser) {
        this.playwright = playwright;
        this.browser = browser;
    }

    static Chromium start() {
        return start(List.of());
    }

    /** As {@link #start()}, with more command-line switches (such as host resolver rules). */
    static Chromium start(List<String> extraArgs) {
        Playwright playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        try {
            return new Chromium(playwright, launch(playwright, extraArgs));
        } catch (RuntimeException e) {
            playwright.close();
            throw e;
        }
    }

    Browser browser() {
        return browser;
    }

    /** A new context with a viewport of {@code width} × {@code height} CSS pixels, and its first page. */
    Page open(int width, int height) {
        return browser.newContext(new Browser.NewContextOptions().setViewportSize(width, height)).newPage();
    }

    /** Closes every context the browser has open, with its pages: what a test opened, so that the next one starts afresh. */
    void closePages() {
        for (BrowserContext context : List.copyOf(browser.contexts())) {
            context.close();
        }
    }

    @Override
    public void close() {
        try {
            browser.close();
        } finally {
            playwright.close();
        }
    }

    private static Browser launch(Playwright playwright, List<String> extraArgs) {
        String configured = System.getProperty("mosaic.chromium", System.getenv("CHROMIUM_PATH"));
        Path executable = configured != null && !configured.isBlank() ? Path.of(configured)
                : Files.isExecutable(Path.of("/usr/bin/chromium")) ? Path.of("/usr/bin/chromium") : null;
        List<String> args = new java.util.ArrayList<>(ARGS);
        args.addAll(extraArgs);
        BrowserType.LaunchOptions options = new BrowserType.LaunchOptions().setHeadless(true).setArgs(args);
        if (executable != null) {
            if (!Files.isExecutable(executable)) {
                throw new IllegalStateException("Chromium not found at " + executable + " (from -Dmosaic.chromium or CHROMIUM_PATH)");
            }
            options.setExecutablePath(executable);
        }
        try {
            return playwright.chromium().launch(options);
        } catch (PlaywrightException e) {
            throw new IllegalStateException("No Chromium to drive. Install Debian's (apt-get install -y chromium), "
                    + "or point -Dmosaic.chromium / CHROMIUM_PATH at a Chromium executable, "
                    + "or let Playwright install its own (from the repository root: mvn -q install -DskipTests, then "
                    + "mvn -pl e2e exec:java -Dexec.classpathScope=test -Dexec.mainClass=com.microsoft.playwright.CLI "
                    + "-Dexec.args=\"install chromium\"). Cause: " + e.getMessage(), e);
        }
    }
}
