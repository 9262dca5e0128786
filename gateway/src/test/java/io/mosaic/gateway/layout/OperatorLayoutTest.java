package io.mosaic.gateway.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mosaic.gateway.support.TestOrigin;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** An operator's own Thymeleaf layout, from the layouts folder, with its own slots. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class OperatorLayoutTest {

    static final TestOrigin ORIGIN = new TestOrigin().html("/a", "<p>A</p>").html("/b", "<p>B</p>");

    static final String WIDE = """
            <!DOCTYPE html>
            <html lang="en" xmlns:th="http://www.thymeleaf.org">
            <head><meta charset="utf-8"><title th:text="${page.title}">t</title><th:block th:utext="${head}"></th:block></head>
            <body class="wide"><div class="top" th:utext="${slots.top}"></div><article th:utext="${slots['body']}"></article>
            <th:block th:utext="${end}"></th:block></body></html>
            """;

    @DynamicPropertySource
    static void manifest(DynamicPropertyRegistry registry) throws Exception {
        Path layouts = Files.createTempDirectory("layouts");
        Files.writeString(layouts.resolve("wide.html"), WIDE);
        Path file = Files.createTempFile("manifest", ".yaml");
        Files.writeString(file, """
                version: 1
                fragments:
                  - {name: a, team: t, url: "%1$s/a"}
                  - {name: b, team: t, url: "%1$s/b"}
                pages:
                  - {path: /wide, title: Wide, layout: wide, slots: {top: a, body: b}}
                  - {path: /admin, layout: admin, slots: {main: a}}
                """.formatted(ORIGIN.url("")));
        registry.add("mosaic.layouts", layouts::toString);
        registry.add("mosaic.manifest", file::toString);
    }

    @AfterAll
    static void stop() {
        ORIGIN.close();
    }

    @Autowired
    WebTestClient web;

    @Test
    void pagesUseTheOperatorsLayoutAndItsSlots() {
        String html = web.get().uri("/wide").exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        Document page = Jsoup.parse(html);
        assertThat(page.title()).isEqualTo("Wide");
        assertThat(page.select("body.wide .top [data-fragment=a]").text()).isEqualTo("A");
        assertThat(page.select("body.wide article [data-fragment=b]").text()).isEqualTo("B");
        web.get().uri("/admin").exchange().expectStatus().isOk();
    }

    @Test
    void slotsAreReadFromTheTemplate() {
        assertThat(Layouts.slots(WIDE)).containsExactly("top", "body");
    }

    @Test
    void aLayoutWithoutHeadOrEndIsRefusedNamingTheFile() throws Exception {
        Path folder = Files.createTempDirectory("layouts");
        Files.writeString(folder.resolve("bare.html"), "<html><body th:utext=\"${slots.main}\"></body></html>");
        assertThatThrownBy(() -> Layouts.withFolder(folder)).hasMessageContaining("bare.html").hasMessageContaining("${head}");
    }
}
