package io.mosaic.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.WaitUntilState;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.SoftAssertions;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every payload of the mXSS corpus ({@link MxssCorpus}: DOMPurify's fixtures and the project's
 * own), served by a real origin to the real gateway jar and opened in Chromium, as an attacker
 * team's fragment beside a victim team's and a non-blocking ({@code async}) one. For each, in the
 * live DOM: exactly the three boxes, each where the layout put it (the attacker's in
 * {@code <main>}, the others in the aside, the late one moved into its placeholder); the victim's
 * and the late box hold exactly their own content; no element carries {@code http-equiv}, a
 * {@code data-fragment*} attribute (but the gateway's, on its boxes) or, unless the fragment is
 * trusted, an {@code on*} attribute; no control belongs to a form in another box; no {@code <base>}, no navigation, no dialog (but for trusted
 * fragments' own scripts); and the attacker's box holds exactly the tree jsoup parses from the
 * page as the gateway sent it (parse stability: tag, namespace, attributes and text).
 *
 * <p>Every payload runs as a {@code standard} fragment (the default level); the project's own
 * payloads and every fourth of DOMPurify's also as a {@code trusted} and an {@code untrusted}
 * fragment, and as the manifest {@code fallback} of a fragment whose origin fails. One navigation
 * each, about 650 in all. {@code -Dmosaic.mxss.all=true} runs every payload in all four ways
 * (about 1150 navigations, two to three times as long).
 */
class MutationXssIT {

    private static final String[] LEVELS = {"standard", "trusted", "untrusted"};

    private static PayloadOrigin origin;
    private static GatewayProcess gateway;
    private static Chromium chromium;
    private static List<MxssCorpus.Payload> payloads;
    /** The payloads also run as trusted, untrusted and fallback. */
    private static List<MxssCorpus.Payload> sample;

    @BeforeAll
    static void start() {
        // The origin's URL goes into the payloads, so the corpus is read once the port is known.
        List<MxssCorpus.Payload> served = new CopyOnWriteArrayList<>();
        origin = new PayloadOrigin(served);
        payloads = MxssCorpus.read(origin.url());
        served.addAll(payloads);
        boolean all = Boolean.getBoolean("mosaic.mxss.all");
        sample = payloads.stream().filter(p -> all || p.own() || p.index() % 4 == 0).toList();
        gateway = GatewayProcess.start(ConsoleProcesses.repositoryRoot().resolve("e2e/target/it-mxss"), "mxss.json", manifest(), List.of());
        // Nothing but loopback resolves: payloads point at hosts this machine cannot reach.
        chromium = Chromium.start(List.of("--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"));
    }

    @AfterAll
    static void stop() throws Exception {
        Teardown.close(chromium, gateway, origin);
    }

    /** The attacker's fragment at each level, a fallback fragment per chosen payload, the victim and the late one; a page for each attacker. */
    private static String manifest() {
        StringJoiner fragments = new StringJoiner(",\n");
        StringJoiner pages = new StringJoiner(",\n");
        for (String level : LEVELS) {
            fragments.add("{\"name\": \"attacker-" + level + "\", \"team\": \"red\", \"url\": \"" + origin.url() + "/p\", \"trust\": \"" + level + "\"}");
            pages.add(page("/" + level, "attacker-" + level));
        }
        for (MxssCorpus.Payload payload : sample) {
            fragments.add("{\"name\": \"fallback-" + payload.index() + "\", \"team\": \"red\", \"url\": \"" + origin.url()
                    + "/fail\", \"fallback\": " + MxssCorpus.json(payload.html()) + "}");
            pages.add(page("/fallback/" + payload.index(), "fallback-" + payload.index()));
        }
        // The victim's and the late answers are stored (they never change), so each page fetches only the attacker's.
        fragments.add("{\"name\": \"victim\", \"team\": \"blue\", \"url\": \"" + origin.url() + "/victim\", \"cacheFor\": \"1h\", \"forward\": {\"query\": \"none\"}}");
        fragments.add("{\"name\": \"late\", \"team\": \"blue\", \"url\": \"" + origin.url() + "/late\", \"async\": true, \"cacheFor\": \"1h\", \"forward\": {\"query\": \"none\"}}");
        return "{\"version\": 1, \"defaults\": {\"timeout\": \"5s\"},\n\"fragments\": [\n" + fragments + "],\n\"pages\": [\n" + pages + "]}\n";
    }

    private static String page(String path, String attacker) {
        return "{\"path\": \"" + path + "\", \"layout\": \"admin\", \"slots\": {\"main\": \"" + attacker + "\", \"aside\": [\"victim\", \"late\"]}}";
    }

    @Test
    void noPayloadLeavesItsBoxOrChangesHowChromiumParsesIt() {
        SoftAssertions softly = new SoftAssertions();
        Map<String, Integer> runs = new LinkedHashMap<>();
        AtomicInteger dialogs = new AtomicInteger();
        long started = System.nanoTime();
        try (BrowserContext context = chromium.browser().newContext()) {
            Page page = context.newPage();
            page.onDialog(dialog -> {
                dialogs.incrementAndGet();
                dialog.dismiss();
            });
            for (String level : LEVELS) {
                for (MxssCorpus.Payload payload : level.equals("standard") ? payloads : sample) {
                    check(softly, page, dialogs, "/" + level + "?i=" + payload.index(), "attacker-" + level, level, payload);
                    runs.merge(level, 1, Integer::sum);
                }
            }
            for (MxssCorpus.Payload payload : sample) {
                check(softly, page, dialogs, "/fallback/" + payload.index(), "fallback-" + payload.index(), "fallback", payload);
                runs.merge("fallback", 1, Integer::sum);
            }
        }
        softly.assertThat(origin.phished()).as("requests a payload sent to /phish").isZero();
        List<String> textOnly = gateway.logLines("would not be parsed back as checked");
        System.out.printf("mXSS corpus in Chromium: %d payloads (%d DOMPurify, %d own); pages %s; %d answers shown as text only "
                        + "by the parse check; %.1f s%n", payloads.size(), payloads.stream().filter(p -> !p.own()).count(),
                payloads.stream().filter(MxssCorpus.Payload::own).count(), runs, textOnly.size(), (System.nanoTime() - started) / 1e9);
        softly.assertAll();
    }

    private void check(SoftAssertions softly, Page page, AtomicInteger dialogs, String path, String attacker, String level,
                       MxssCorpus.Payload payload) {
        String what = payload.name() + " as " + level + " (" + path + ")";
        int dialogsBefore = dialogs.get();
        String url = gateway.pages(path).toString();
        Response response = page.navigate(url, new Page.NavigateOptions().setWaitUntil(WaitUntilState.DOMCONTENTLOADED));
        softly.assertThat(response.status()).as(what).isEqualTo(200);
        Map<String, Object> live = BoxProbe.live(page, attacker);
        boolean trusted = level.equals("trusted");

        List<Map<String, Object>> boxes = list(live.get("boxes"));
        softly.assertThat(boxes).as(what + ": boxes").extracting(b -> b.get("name") + " in " + b.get("parent"))
                .containsExactly(attacker + " in main.mosaic-main", "victim in aside.mosaic-aside", "late in aside.mosaic-aside");
        for (Map<String, Object> box : boxes) {
            softly.assertThat(box.get("cls")).as(what + ": box class").isEqualTo("mosaic-fragment");
            softly.assertThat(list(box.get("attrs"))).as(what + ": box attributes")
                    .isSubsetOf(List.of("class", "data-fragment", "data-fragment-state", "data-fragment-cache"));
        }
        softly.assertThat(live.get("lateFollowsVictim")).as(what + ": late box after the victim's").isEqualTo(true);
        softly.assertThat(live.get("victim")).as(what + ": victim's content").isEqualTo(PayloadOrigin.VICTIM);
        softly.assertThat(live.get("late")).as(what + ": late box's content").isEqualTo(PayloadOrigin.LATE);
        softly.assertThat(live.get("markers")).as(what + ": pending or late markers left").isEqualTo(0);
        softly.assertThat(list(live.get("fragmentAttrs"))).as(what + ": data-fragment* outside the boxes").isEmpty();
        softly.assertThat(list(live.get("httpEquiv"))).as(what + ": http-equiv").isEmpty();
        softly.assertThat(live.get("bases")).as(what + ": <base>").isEqualTo(0);
        softly.assertThat(list(live.get("crossBoxForms"))).as(what + ": controls in another box's form").isEmpty();
        if (!trusted) {
            // (A trusted fragment's own script may change the address: dompurify:157 calls history.pushState.)
            softly.assertThat(live.get("href")).as(what + ": navigated away").isEqualTo(url);
            softly.assertThat(list(live.get("handlers"))).as(what + ": on* attributes").isEmpty();
            softly.assertThat(dialogs.get()).as(what + ": dialogs").isEqualTo(dialogsBefore);
        }

        // Parse stability: Chromium built the attacker's box into exactly the tree jsoup parses from the bytes sent.
        Document sent = Jsoup.parse(response.text());
        Element box = sent.selectFirst("[data-fragment=\"" + attacker + "\"]");
        String expected = box == null ? null : BoxProbe.dump(box);
        Object actual = live.get("attacker");
        if (trusted && !expected.equals(actual) && ((Number) live.get("attackerScripts")).intValue() > 0) {
            // A trusted fragment's own scripts ran and may have changed its box: compare what the parser built, scripts off.
            actual = parsedWithoutScripts(url, attacker);
        }
        softly.assertThat(actual).as(what + ": the attacker's box as Chromium built it, against jsoup's parse of what was sent")
                .isEqualTo(expected);
    }

    private static Object parsedWithoutScripts(String url, String attacker) {
        try (BrowserContext quiet = chromium.browser().newContext(new Browser.NewContextOptions().setJavaScriptEnabled(false))) {
            Page page = quiet.newPage();
            page.navigate(url, new Page.NavigateOptions().setWaitUntil(WaitUntilState.DOMCONTENTLOADED));
            // With scripts off, page.evaluate still runs (it is the test's, not the page's).
            return BoxProbe.live(page, attacker).get("attacker");
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> List<T> list(Object value) {
        return value == null ? List.of() : (List<T>) value;
    }
}
