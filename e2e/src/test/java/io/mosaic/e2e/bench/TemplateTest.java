package io.mosaic.e2e.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateTest {

    @Test
    void fillsEveryPlaceholderAndLeavesNginxVariablesAlone() {
        String filled = Template.fill("listen {{PORT}}; try_files $uri.html ${x};", Map.of("PORT", "8080"), "t");

        assertThat(filled).isEqualTo("listen 8080; try_files $uri.html ${x};");
    }

    @Test
    void failsOnAPlaceholderWithoutValue() {
        assertThatThrownBy(() -> Template.fill("{{PORT}} {{ROOT}}", Map.of("PORT", "1"), "t.conf"))
                .hasMessageContaining("t.conf").hasMessageContaining("{{ROOT}}");
    }

    @Test
    void failsOnAValueWithoutPlaceholder() {
        assertThatThrownBy(() -> Template.fill("{{PORT}}", Map.of("PORT", "1", "ROOT", "/"), "t.conf"))
                .hasMessageContaining("no placeholder for [ROOT]");
    }
}
