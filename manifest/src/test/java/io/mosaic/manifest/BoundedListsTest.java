package io.mosaic.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every list of a fragment document is bounded: teams register fragments themselves, and one
 * team's document must not make every page render or proxy call walk thousands of entries.
 */
class BoundedListsTest {

    private static final int CAP = 32;

    private final ManifestReader reader = new ManifestReader();

    static Stream<Arguments> lists() {
        return Stream.of(
                Arguments.of("assets.css", (IntFunction<String>) n -> "assets: {css: " + list(n, i -> "/a" + i + ".css") + "}"),
                Arguments.of("assets.js", (IntFunction<String>) n -> "assets: {js: " + list(n, i -> "/a" + i + ".js") + "}"),
                Arguments.of("proxy", (IntFunction<String>) n -> "proxy: " + list(n, i -> "/api" + i)),
                Arguments.of("forward.query", (IntFunction<String>) n -> "forward: {query: " + list(n, i -> "q" + i) + "}"),
                Arguments.of("forward.cookies", (IntFunction<String>) n -> "forward: {cookies: " + list(n, i -> "c" + i) + "}"),
                Arguments.of("forward.headers", (IntFunction<String>) n -> "forward: {headers: " + list(n, i -> "x-h" + i) + "}"),
                Arguments.of("mount", (IntFunction<String>) n -> "mount: " + list(n, i -> "{page: /p" + i + ", slot: widgets}")));
    }

    private static String list(int n, IntFunction<String> entry) {
        return IntStream.range(0, n).mapToObj(entry).collect(Collectors.joining(", ", "[", "]"));
    }

    private static SourceText document(String field) {
        return new SourceText("weather.yaml", "name: weather\nteam: insights\nurl: http://weather/\n" + field + "\n");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lists")
    void aListBeyondTheCapIsRefusedNamingTheFieldTheCapAndTheCount(String field, IntFunction<String> yaml) {
        assertThat(reader.checkFragment(document(yaml.apply(CAP + 1))))
                .extracting(Problem::path, Problem::message)
                .containsExactly(tuple(field, field + " lists 33 entries; at most 32 are allowed"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lists")
    void aListAtTheCapPasses(String field, IntFunction<String> yaml) {
        assertThat(reader.checkFragment(document(yaml.apply(CAP)))).isEmpty();
    }
}
