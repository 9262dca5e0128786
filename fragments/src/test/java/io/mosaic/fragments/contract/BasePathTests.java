package io.mosaic.fragments.contract;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class BasePathTests {

    @Test
    void prefixesOriginPathsWithTheGatewaysProxyPath() {
        assertThat(BasePath.fromHeader("/fragments/org-tree").resolve("/api/org")).isEqualTo("/fragments/org-tree/api/org");
    }

    @Test
    void dropsOneTrailingSlash() {
        assertThat(BasePath.fromHeader("/fragments/billing/").resolve("/api/summary")).isEqualTo("/fragments/billing/api/summary");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = { " ", "fragments/x", "//evil.example/x", "https://evil.example", "javascript:alert(1)",
            "/a/../b", "/a/./b", "/a?b=c", "/a#b", "/a\"onload=\"x", "/a b", "/ä" })
    void treatsAnythingButAPlainAbsolutePathAsAbsent(String header) {
        assertThat(BasePath.fromHeader(header).resolve("/api/org")).isEqualTo("/api/org");
    }

}
