package io.mosaic.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The attack that made a team's worst case the whole console, tried as it was: teams holding
 * only their own tokens register hostile fragments, and an admin who is signed in to the console
 * opens a page that holds them. Three ways in were confirmed before: a {@code trusted} fragment's
 * inline script, a {@code standard} fragment framing its own proxied HTML, and an
 * {@code untrusted} fragment with a script asset (or its proxied HTML opened directly). Each
 * script tries to read the console (for its CSRF token) and to force another team's breaker open,
 * on the pages' origin and on the control origin, with the admin's cookies. Now the console is on
 * its own origin, proxied HTML runs in an opaque origin, and trust is the operator's to grant: the
 * other team's breaker stays closed and no audit entry appears.
 */
class ConsoleTakeoverIT {

    static final String ADMIN = "takeover-admin-token-0123456789";
    /** A team the operator granted trusted, wrongly as it turns out. */
    static final String MALLORY = "takeover-mallory-token-0123456789";
    /** A team with the default grants. */
    static final String EVE = "takeover-eve-token-0123456789";

    private static HtmlOrigin origin;
    private static GatewayProcess gateway;
    private static Chromium chromium;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** The attack every hostile script runs, as {@code who}: read the console, then post its breaker form. */
    static String attack(String who) {
        return """
                (function (who) {
                  var report = function (what) {
                    (window.__attack = window.__attack || []).push(who + ' ' + what);
                    try { if (window.parent !== window) { window.parent.postMessage(who + ' ' + what, '*'); } } catch (e) {}
                    try { document.title = document.title + ' | ' + who + ' ' + what; } catch (e) {}
                  };
                  report('ran');
                  ['PAGES', 'CONTROL'].forEach(function (base) {
                    fetch(base + '/console/fragments/victim', {credentials: 'include'}).then(function (r) {
                      return r.text().then(function (html) {
                        var m = html.match(/name="_csrf" value="([^"]+)"/);
                        report('read ' + base + ' ' + r.status + (m ? ' csrf' : ' no-csrf'));
                        return fetch(base + '/console/fragments/victim/breaker', {method: 'POST', credentials: 'include',
                            headers: {'Content-Type': 'application/x-www-form-urlencoded'},
                            body: 'action=force-open&_csrf=' + encodeURIComponent(m ? m[1] : '')})
                          .then(function (p) { report('posted ' + base + ' ' + p.status); });
                      });
                    }).catch(function () { report('blocked ' + base); });
                    fetch(base + '/console/fragments/victim/breaker', {method: 'POST', mode: 'no-cors', credentials: 'include',
                        headers: {'Content-Type': 'application/x-www-form-urlencoded'}, body: 'action=force-open'})
                      .then(function () { report('blind ' + base); }, function () { report('blind-failed ' + base); });
                  });
                })('%s');""".formatted(who);
    }

    @BeforeAll
    static void start() throws Exception {
        origin = HtmlOrigin.serving(ConsoleTakeoverIT::answer);
        String originUrl = origin.url();
        String manifest = """
                version: 1
                fragments:
                  - {name: victim, team: victim, url: "%1$s/victim", timeout: 3s}
                pages:
                  - path: /admin
                    layout: admin
                    slots: {main: victim, aside: {open: true, max: 10}}
                """.formatted(originUrl);
        gateway = GatewayProcess.start(ConsoleProcesses.repositoryRoot().resolve("e2e/target/it-takeover"), manifest, List.of(
                "--mosaic.registry.admin.token-sha256=" + sha256(ADMIN),
                "--mosaic.registry.teams.mallory.token-sha256=" + sha256(MALLORY),
                "--mosaic.registry.teams.mallory.max-trust=trusted",
                "--mosaic.registry.teams.eve.token-sha256=" + sha256(EVE),
                "--mosaic.registry.allowed-origins=" + originUrl));
        chromium = Chromium.start();
    }

    @AfterAll
    static void stop() throws Exception {
        Teardown.close(chromium, gateway, origin);
    }

    /** The hostile origin: each fragment's HTML, and the proxied attack page and script, aimed at this gateway. */
    static void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String pages = gateway == null ? "" : gateway.pages("").toString();
        String control = gateway == null ? "" : gateway.control("").toString();
        String type = "text/html;charset=utf-8";
        String body = switch (path) {
            case "/victim" -> "<p class=victim>The victim team's box</p>";
            case "/trusted" -> "<p>mallory</p><script>" + attack("mallory") + "</script>";
            case "/framing" -> "<p>eve frames</p><iframe src=\"/p/pwn\" title=\"eve\"></iframe>";
            case "/untrusted" -> "<p>eve untrusted</p><script>" + attack("eve-inline") + "</script>"
                    + "<img src=x onerror=\"" + attack("eve-onerror").replace("\"", "&quot;") + "\"><a href=\"/p/pwn\">more</a>";
            case "/p/pwn" -> "<!doctype html><title>pwn</title><script>" + attack("framed") + "</script>";
            case "/p/x.js" -> {
                type = "text/javascript";
                yield attack("asset");
            }
            default -> null;
        };
        if (body == null) {
            HtmlOrigin.answer(exchange, 404, "text/plain", "no such path");
        } else {
            HtmlOrigin.answer(exchange, 200, type,
                    body.replace("PAGES", pages.replaceAll("/$", "")).replace("CONTROL", control.replaceAll("/$", "")));
        }
    }

    static String sha256(String token) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    }

    static HttpResponse<String> register(String name, String token, String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(gateway.control("/api/fragments/" + name)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json").header("If-None-Match", "*")
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> control(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(gateway.control(path)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + ADMIN).build(), HttpResponse.BodyHandlers.ofString());
    }

    static String fragment(String team, String path, String trust, String extra) {
        return """
                {"team": "%s", "url": "%s%s", "timeout": "3s", "trust": "%s", "proxy": ["/p"],
                 "mount": [{"page": "/admin", "slot": "aside"}]%s}""".formatted(team,
                origin.url(), path, trust, extra);
    }

    @Test
    void anAdminOpeningAPageOfHostileFragmentsLosesNothingToThem() throws Exception {
        // What a team may claim is the operator's to grant: refused up front, naming the field.
        HttpResponse<String> claimed = register("eve-trusted", EVE, fragment("eve", "/trusted", "trusted", ""));
        assertThat(claimed.statusCode()).as(claimed.body()).isEqualTo(400);
        assertThat(claimed.body()).contains("\"field\":\"trust\"");
        HttpResponse<String> scriptAsset = register("eve-asset", EVE,
                fragment("eve", "/untrusted", "untrusted", ", \"assets\": {\"js\": [\"/p/x.js\"]}"));
        assertThat(scriptAsset.statusCode()).as(scriptAsset.body()).isEqualTo(400);
        assertThat(scriptAsset.body()).contains("\"field\":\"assets.js[0]\"");
        HttpResponse<String> credentials = register("eve-creds", EVE,
                fragment("eve", "/untrusted", "standard", ", \"forward\": {\"headers\": [\"Authorization\"], \"cookies\": [\"mosaic-console\"]}"));
        assertThat(credentials.statusCode()).as(credentials.body()).isEqualTo(400);
        assertThat(credentials.body()).contains("\"field\":\"forward.headers[0]\"").contains("\"field\":\"forward.cookies[0]\"");

        // What each way in can still register: a trusted fragment its operator granted, a frame, an untrusted one.
        assertThat(register("mallory-trusted", MALLORY, fragment("mallory", "/trusted", "trusted", "")).statusCode()).isEqualTo(201);
        assertThat(register("eve-framing", EVE, fragment("eve", "/framing", "standard", "")).statusCode()).isEqualTo(201);
        assertThat(register("eve-untrusted", EVE, fragment("eve", "/untrusted", "untrusted", "")).statusCode()).isEqualTo(201);

        try (BrowserContext context = chromium.browser().newContext()) {
            Page page = context.newPage();
            signIn(page);
            // Messages from frames (the sandboxed proxied page reports by postMessage).
            page.addInitScript("window.__messages = []; window.addEventListener('message', function (e) { window.__messages.push(String(e.data)); });");
            page.navigate(gateway.pages("/admin").toString());
            // Each script reports that it ran, then what each attempt on each origin got.
            List<String> reports = awaitReports(page, "window.__attack || []", 6, "mallory");
            List<String> framed = awaitReports(page, "window.__messages", 5, "framed");

            // The trusted inline script ran (the operator granted it), and got nothing of the console.
            assertThat(reports).contains("mallory ran")
                    .contains("mallory read " + pagesOrigin() + " 404 no-csrf")
                    .contains("mallory blocked " + controlOrigin())
                    .noneMatch(report -> report.contains(" csrf") && !report.contains("no-csrf"));
            // The framed proxied HTML ran in an opaque origin: no read of either origin succeeded.
            assertThat(framed).contains("framed ran").noneMatch(report -> report.contains(" csrf") && !report.contains("no-csrf"));
            // The untrusted fragment's script and handler never ran.
            assertThat(reports).noneMatch(report -> report.startsWith("eve-"));

            // Its proxied HTML opened directly runs sandboxed too.
            Page direct = context.newPage();
            direct.navigate(gateway.pages("/fragments/eve-framing/p/pwn").toString());
            List<String> alone = awaitReports(direct, "window.__attack || []", 5, "framed");
            assertThat(alone).contains("framed ran").noneMatch(report -> report.contains(" csrf") && !report.contains("no-csrf"));
            assertThat(direct.evaluate("String(window.origin)")).isEqualTo("null");
            Thread.sleep(1_000); // any request still under way reaches the gateway
        }

        // The other team's breaker is closed and nobody wrote anything about it.
        String metrics = control("/actuator/prometheus").body();
        assertThat(metrics).contains("mosaic_fragment_breaker_state{fragment=\"victim\"} 0.0");
        HttpResponse<String> audit = control("/api/audit?fragment=victim");
        assertThat(audit.statusCode()).isEqualTo(200);
        assertThat(audit.body()).isEqualTo("[]");
        Page check = chromium.browser().newPage();
        check.navigate(gateway.pages("/admin").toString());
        assertThat(check.locator("[data-fragment=victim]").getAttribute("data-fragment-state")).isEqualTo("ok");
        check.close();
    }

    private static String pagesOrigin() {
        return gateway.pages("").toString().replaceAll("/$", "");
    }

    private static String controlOrigin() {
        return gateway.control("").toString().replaceAll("/$", "");
    }

    /** The admin signs in to the console on the control origin, in the same browser as the page. */
    private static void signIn(Page page) {
        page.navigate(gateway.control("/console/login").toString());
        page.locator("#password").fill(ADMIN);
        page.locator("form[action='/console/login'] button[type=submit]").click();
        page.waitForURL(gateway.control("/console").toString());
    }

    /** The reports of {@code who} in {@code expression}, once there are {@code count} of them or 10 s have passed. */
    @SuppressWarnings("unchecked")
    private static List<String> awaitReports(Page page, String expression, int count, String who) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        List<String> reports = List.of();
        while (System.nanoTime() < deadline) {
            reports = ((List<Object>) page.evaluate(expression)).stream().map(String::valueOf).toList();
            if (reports.stream().filter(report -> report.startsWith(who + " ")).count() >= count) {
                break;
            }
            Thread.sleep(100);
        }
        return reports;
    }
}
