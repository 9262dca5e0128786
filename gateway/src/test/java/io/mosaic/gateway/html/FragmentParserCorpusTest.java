package io.mosaic.gateway.html;

import static org.assertj.core.api.Assertions.assertThat;

import io.mosaic.manifest.Trust;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every payload of the end-to-end suite's mutation-XSS corpus ({@code e2e/src/test/resources/
 * io/mosaic/e2e/mxss-corpus.txt}: DOMPurify's fixtures and the project's own), at every trust
 * level, through the parser alone: the rules themselves (not the parse check's fallback to text)
 * make the output parse back into the checked tree, and in a page the box stays closed. Chromium
 * checks the same corpus in {@code MutationXssIT}; this runs in a second with the unit tests.
 */
class FragmentParserCorpusTest {

    /** The corpus, from the gateway module's directory (Surefire's working directory). */
    static final Path CORPUS = Path.of("..", "e2e", "src", "test", "resources", "io", "mosaic", "e2e", "mxss-corpus.txt");

    private final FragmentParser parser = new FragmentParser();
    private final UrlRewriter urls = Rewriters.of(URI.create("http://attacker.internal:9100/fragment"), "/fragments/attacker",
            List.of(), List.of("/api"));

    record Payload(String name, String html) {
    }

    static List<Payload> corpus() throws IOException {
        if (!Files.isRegularFile(CORPUS)) {
            throw new IllegalStateException(CORPUS.toAbsolutePath() + " is missing: the corpus lives in the e2e module");
        }
        JsonMapper json = JsonMapper.builder().build();
        List<Payload> payloads = new ArrayList<>();
        for (String line : Files.readAllLines(CORPUS)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int tab = line.indexOf('\t');
            payloads.add(new Payload(line.substring(0, tab),
                    json.readValue(line.substring(tab + 1), String.class).replace("{{ORIGIN}}", "http://127.0.0.1:9")));
        }
        return payloads;
    }

    @TestFactory
    Stream<DynamicTest> everyPayloadStaysInItsBoxAtEveryTrustLevelWithoutTheSafetyNet() throws IOException {
        List<Payload> payloads = corpus();
        assertThat(payloads).hasSizeGreaterThan(250);
        return payloads.stream().flatMap(payload -> Stream.of(Trust.values()).map(trust ->
                DynamicTest.dynamicTest(payload.name() + " " + trust.id(), () -> {
                    FragmentParser.Checked checked = parser.check(payload.html(), urls, trust);
                    assertThat(ParseCheck.reparsesTo(checked.markup(), checked.box()))
                            .as("parsed back as checked: %s", checked.markup()).isTrue();
                    FragmentParserMutationXssTest.assertBoxesClosed(checked.markup(), trust);
                })));
    }
}
