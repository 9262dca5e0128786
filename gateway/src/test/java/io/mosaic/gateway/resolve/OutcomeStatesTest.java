package io.mosaic.gateway.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The stylesheets name outcome states as text; a state renamed in {@link FragmentOutcome.State}
 * and not in them would leave boxes and console rows unstyled without any error.
 */
class OutcomeStatesTest {

    static final Path RESOURCES = Path.of(System.getProperty("basedir", "."), "src/main/resources");

    static List<String> ids() {
        return Arrays.stream(FragmentOutcome.State.values()).map(FragmentOutcome.State::id).toList();
    }

    static List<String> found(String file, String pattern) throws IOException {
        return Pattern.compile(pattern).matcher(Files.readString(RESOURCES.resolve(file))).results().map(m -> m.group(1)).toList();
    }

    @Test
    void everyStateTheLayoutsStyleIsAnOutcomeState() throws IOException {
        List<String> styled = found("templates/parts/base.html", "data-fragment-state=\"([a-z-]+)\"");
        assertThat(styled).isNotEmpty();
        assertThat(ids()).containsAll(styled);
    }

    @Test
    void theConsoleStylesEveryStateItLists() throws IOException {
        // A pending box is never an outcome the console lists.
        List<String> listed = Arrays.stream(FragmentOutcome.State.values()).filter(state -> state != FragmentOutcome.State.PENDING)
                .map(FragmentOutcome.State::id).toList();
        assertThat(found("static/console/assets/console.css", "\\.state-([a-z-]+)")).containsAll(listed);
    }
}
