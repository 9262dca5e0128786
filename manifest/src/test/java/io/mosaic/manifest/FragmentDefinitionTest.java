package io.mosaic.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Fragments built by field name are the ones the reader resolves, field for field. */
class FragmentDefinitionTest {

    private final ManifestReader reader = new ManifestReader();

    @Test
    void aBuiltFragmentStartsAtTheBuiltInDefaults() {
        Manifest manifest = reader.read("m.yaml", """
                version: 1
                fragments: [{name: a, team: t, url: "http://a/"}]
                """).orThrow();
        assertThat(FragmentDefinition.builder("a", "t", URI.create("http://a/")).build())
                .isEqualTo(manifest.fragments().get(0));
    }

    @Test
    void theManifestsDefaultsApplyWhereTheFragmentSetsNothingAndItsOwnValuesWin() {
        Manifest manifest = reader.read("m.yaml", """
                version: 1
                defaults: {timeout: 2s, cacheFor: 1m, bulkhead: {maxConcurrent: 8}}
                fragments: [{name: a, team: t, url: "http://a/", timeout: 300ms, trust: untrusted}]
                """).orThrow();
        FragmentDefinition expected = FragmentDefinition.builder("a", "t", URI.create("http://a/"))
                .defaults(manifest.defaults())
                .timeout(Duration.ofMillis(300))
                .trust(Trust.UNTRUSTED)
                .build();
        assertThat(manifest.fragments().get(0)).isEqualTo(expected);
        assertThat(expected.cacheFor()).isEqualTo(Duration.ofMinutes(1));
        assertThat(expected.bulkhead().maxConcurrent()).isEqualTo(8);
    }

    @Test
    void toBuilderKeepsEveryField() {
        Manifest manifest = reader.read("m.yaml", """
                version: 1
                fragments:
                  - name: a
                    team: t
                    url: http://a/
                    timeout: 300ms
                    fallback: <p>later</p>
                    assets: {css: [/a.css], js: [/a.js]}
                    proxy: [/api]
                    circuitBreaker: {failureRate: 20, window: 20, minimumCalls: 3, openFor: 5s, halfOpenCalls: 1, countClientErrors: true}
                    bulkhead: {maxConcurrent: 3}
                    maxBodySize: 2MiB
                    staleFor: 1h
                    cacheFor: 5m
                    async: true
                    mount: [{page: /d, slot: widgets, order: 7}]
                    maxRequestBody: 0
                    forward: {query: none, cookies: [s], headers: [x-tenant]}
                    trust: trusted
                pages: [{path: /d, layout: dashboard, slots: {widgets: {open: true}}}]
                """).orThrow();
        FragmentDefinition full = manifest.fragments().get(0);
        assertThat(full.toBuilder().build()).isEqualTo(full);
        assertThat(full.toBuilder().build()).isNotEqualTo(FragmentDefinition.builder("a", "t", URI.create("http://a/")).build());
    }
}
