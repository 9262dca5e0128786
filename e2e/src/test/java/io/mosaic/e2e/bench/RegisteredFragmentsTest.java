package io.mosaic.e2e.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.mosaic.manifest.FragmentDefinition;
import io.mosaic.manifest.Manifest;
import io.mosaic.manifest.ManifestReader;
import io.mosaic.manifest.ProxyPath;
import io.mosaic.manifest.ReadResult;
import io.mosaic.manifest.SourceText;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RegisteredFragmentsTest {

    private static final List<String> ORIGINS = IntStream.rangeClosed(1, 20).mapToObj(n -> "http://127.0.0.1:" + (9000 + n)).toList();

    private final BenchPages pages = BenchPages.of(new OriginUrls(origins(20, "/f%d.html"), origins(5, "/f%d-100k.html"),
                    origins(5, "/cached/f%d.html"), origins(5, "/p/f%d.html"), origins(5, "/assets/f%d.css")),
            URI.create("http://127.0.0.1:9100/slow"), URI.create("http://127.0.0.1:9100/hang"), URI.create("http://127.0.0.1:9200/closed.html"));

    private static List<URI> origins(int count, String path) {
        return IntStream.rangeClosed(1, count).mapToObj(n -> URI.create("http://127.0.0.1:" + (9000 + n) + String.format(path, n))).toList();
    }

    @Test
    void documentHasItsNameTeamOriginAndThirtyTwoPrefixes() {
        assertThat(RegisteredFragments.name(7)).isEqualTo("reg-0007");
        assertThat(RegisteredFragments.document(7, ORIGINS)).startsWith("{\"name\":\"reg-0007\",\"team\":\"team-07\",\"url\":\"http://127.0.0.1:9007/f7.html"
                + "?as=reg-0007\",\"timeout\":\"250ms\",\"fallback\":\"<p>reg-0007 is unavailable right now.</p>\",\"proxy\":["
                + "\"/api/reg-0007/s00\",\"/api/reg-0007/s01\",");
        assertThat(RegisteredFragments.document(7, ORIGINS)).contains(
                ",{\"path\":\"/api/reg-0007/s07\",\"methods\":[\"GET\",\"POST\",\"DELETE\"]},");
        assertThat(RegisteredFragments.prefixes(1000)).hasSize(32).doesNotHaveDuplicates().last().isEqualTo("/api/reg-1000/s31");
        assertThat(RegisteredFragments.proxiedPath(1000)).isEqualTo("/fragments/reg-1000/api/reg-1000/s31/ping");
    }

    /** The gateway's own reader takes the benchmark's manifest with all 1,000 documents, as the registry's check does. */
    @Test
    void allThousandAreValidDistinctFragmentsBesideTheBenchmarksManifest() {
        List<SourceText> documents = new ArrayList<>();
        for (int i = 1; i <= RegisteredFragments.COUNT; i++) {
            documents.add(new SourceText("registry/" + RegisteredFragments.name(i) + ".json", RegisteredFragments.document(i, ORIGINS)));
        }

        ReadResult read = new ManifestReader().readAll(List.of(new SourceText("bench.yaml", GatewayManifest.yaml(pages))), documents);

        assertThat(read.problems()).isEmpty();
        Manifest manifest = read.orThrow();
        List<FragmentDefinition> registered = manifest.fragments().stream().filter(f -> f.name().startsWith("reg-")).toList();
        assertThat(registered).hasSize(RegisteredFragments.COUNT);
        assertThat(registered).extracting(FragmentDefinition::url).doesNotHaveDuplicates();
        assertThat(registered).extracting(FragmentDefinition::team).hasSize(1000).containsOnly(IntStream.rangeClosed(1, 20)
                .mapToObj(t -> String.format("team-%02d", t)).toArray(String[]::new));
        assertThat(registered).allSatisfy(fragment -> assertThat(fragment.proxy()).extracting(ProxyPath::path)
                .containsExactlyElementsOf(RegisteredFragments.prefixes(Integer.parseInt(fragment.name().substring(4)))));
        // On no page: the pages' fragments are the benchmark's own.
        for (PageSpec page : pages.all()) {
            assertThat(manifest.fragmentNamesOn(page.path())).noneMatch(name -> name.startsWith("reg-"));
        }
    }
}
