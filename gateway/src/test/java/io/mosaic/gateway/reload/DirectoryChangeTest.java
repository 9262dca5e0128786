package io.mosaic.gateway.reload;

import static org.assertj.core.api.Assertions.assertThat;

import io.mosaic.gateway.plan.PlanHolder;
import io.mosaic.gateway.support.TestOrigin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A change written as several files of a manifest directory is applied whole: the watcher's
 * polls are driven by the test (the scheduled poll is an hour away), so a poll that lands
 * between the two writes is not left to chance.
 */
@SpringBootTest
class DirectoryChangeTest {

    static final TestOrigin ORIGIN = new TestOrigin().html("/a", "<p class=a>A</p>").html("/b", "<p class=b>B</p>");
    static Path dir;

    static final String PLATFORM = """
            version: 1
            fragments:
              - {name: a, team: platform, url: "%s/a"}
              - {name: b, team: platform, url: "%s/b"}
            pages:
              - {path: /one, layout: admin, slots: {main: a}}
            """;
    /** Fragment b moves from platform.yaml to people.yaml: two writes, invalid between them (b twice). */
    static final String PLATFORM_WITHOUT_B = """
            version: 1
            fragments:
              - {name: a, team: platform, url: "%s/a"}
            pages:
              - {path: /one, layout: admin, slots: {main: a}}
              - {path: /two, layout: admin, slots: {main: b}}
            """;
    static final String PEOPLE_WITH_B = """
            version: 1
            fragments:
              - {name: b, team: people, url: "%s/b"}
            """;

    @DynamicPropertySource
    static void manifest(DynamicPropertyRegistry registry) throws Exception {
        dir = Files.createTempDirectory("manifests");
        write("platform.yaml", PLATFORM.formatted(ORIGIN.url(""), ORIGIN.url("")), 1);
        registry.add("mosaic.manifest", dir::toString);
        registry.add("mosaic.reload-interval", () -> "1h");
    }

    @AfterAll
    static void stop() {
        ORIGIN.close();
    }

    @Autowired
    ManifestWatcher watcher;
    @Autowired
    PlanHolder plans;

    static void write(String name, String text, long second) throws Exception {
        Path temp = dir.resolve("." + name + ".tmp");
        Files.writeString(temp, text);
        Files.setLastModifiedTime(temp, FileTime.fromMillis(1_700_000_000_000L + second * 1000));
        Files.move(temp, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @Test
    void aPollBetweenTwoFileWritesAppliesNothingAndTheWholeChangeAppliesOnceItHoldsStill() throws Exception {
        long before = plans.current().version();

        write("people.yaml", PEOPLE_WITH_B.formatted(ORIGIN.url("")), 2);
        watcher.poll(); // sees the first write: b is now defined twice
        assertThat(plans.current().version()).isEqualTo(before);
        assertThat(watcher.status().upToDate()).as("the half-written change was not read, so not refused").isTrue();

        write("platform.yaml", PLATFORM_WITHOUT_B.formatted(ORIGIN.url("")), 3);
        watcher.poll(); // sees the second write: still moving
        assertThat(plans.current().version()).isEqualTo(before);

        watcher.poll(); // the directory held still since the last poll: read whole
        assertThat(plans.current().version()).isEqualTo(before + 1);
        assertThat(watcher.status().upToDate()).isTrue();
        assertThat(plans.current().page("/two")).isPresent();
        assertThat(plans.current().fragments().get("b").definition().team()).isEqualTo("people");
    }

    @Test
    void aSameLengthEditWithinOneTimestampTickIsSeen() throws Exception {
        String ops = "version: 1\nfragments:\n  - {name: c, team: ops, url: \"%s/a\"}\n".formatted(ORIGIN.url(""));
        write("ops.yaml", ops.replace("team:", "teem:"), 10);
        watcher.poll();
        watcher.poll();
        assertThat(watcher.status().upToDate()).as("the typo was read and refused").isFalse();
        long before = plans.current().version();

        // The fix has the same length and, on a file system with coarse timestamps, the same time.
        write("ops.yaml", ops, 10);
        watcher.poll();
        watcher.poll();
        assertThat(watcher.status().upToDate()).as("the same-length fix was read").isTrue();
        assertThat(plans.current().version()).isGreaterThan(before);
    }
}
