package io.mosaic.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The raw-path rule the validator and the gateway's proxy share, with its strict percent-decoding. */
class OriginPathsTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "/api/..;/secret", "/api/;jsessionid=1", "/api/%3b/x", "/api/%3B/x",
            "/api/../secret", "/api/./x", "/api/..", "/api/.", "/api/%2e%2e/secret", "/api/%2E%2E/secret",
            "/api/.%2e/secret", "/api/%2e/x", "/api/%c0%ae%c0%ae/secret", "/api/%C0%AE./secret",
            "/api/%e0%80%ae%e0%80%ae/secret", "/api/%ef%bc%8e%ef%bc%8e/secret", "/api/\uff0e\uff0e/secret",
            "/api/%2f..%2fsecret", "/api%2F..%2Fsecret", "/api/%5c..%5csecret", "/api\\..\\secret",
            "/api//secret", "//evil.example/api", "/%2F%2Fevil.example/x.js", "/api/%252e%252e/secret", "/api/%00",
            "/api/%0d%0aX:1", "/api/%zz", "/api/%e", "/api/%", "/api/%ef%bc%8fsecret", "api/relative", ""})
    void refusesEveryPathThatCouldMeanAnotherOne(String path) {
        assertThat(OriginPaths.refusal(path)).as(path).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/api", "/api/items/", "/api/a%20b", "/api/caf%C3%A9", "/api/..x/y", "/api/x..",
            "/api/.well-known", "/assets/app.css", "/files/report-2026.csv", "/a%2eb"})
    void acceptsCleanPaths(String path) {
        assertThat(OriginPaths.refusal(path)).as(path).isEmpty();
    }

    @Test
    void theReasonNamesWhatWasRefused() {
        assertThat(OriginPaths.refusal("/api/..;/secret")).contains("path parameters (;) are not allowed");
        assertThat(OriginPaths.refusal("/api/%2e%2e/x")).contains("dot segments (. and .., also encoded) are not allowed in a path");
        assertThat(OriginPaths.refusal("/api/%c0%ae/x")).contains(
                "the path is not valid percent-encoded UTF-8 (overlong or malformed sequences)");
        assertThat(OriginPaths.refusal("/a%2fb")).contains("encoded slashes and backslashes (%2F, %5C) are not allowed in a path");
        assertThat(OriginPaths.refusal("/a%25b")).contains("encoded percent signs (%25, double encoding) are not allowed in a path");
        assertThat(OriginPaths.refusal("/a//b")).contains("empty path segments (//) are not allowed");
        assertThat(OriginPaths.refusal("/a\\b")).contains("backslashes are not allowed in a path");
        assertThat(OriginPaths.refusal("/a%0ab")).contains("control characters are not allowed in a path");
        assertThat(OriginPaths.refusal("/a/%ef%bc%8fb")).contains(
                "characters that normalise to a slash or backslash are not allowed in a path");
        assertThat(OriginPaths.refusal("a")).contains("the path must start with /");
    }

    @Test
    void decodesStrictlyAsUtf8() {
        assertThat(OriginPaths.decode("/caf%C3%A9")).contains("/café");
        assertThat(OriginPaths.decode("/plain")).contains("/plain");
        assertThat(OriginPaths.decode("/%c0%ae")).isEmpty();
        assertThat(OriginPaths.decode("/%e")).isEmpty();
        assertThat(OriginPaths.decode("/%g1")).isEmpty();
        assertThat(OriginPaths.decode("/%41")).contains("/A");
    }
}
