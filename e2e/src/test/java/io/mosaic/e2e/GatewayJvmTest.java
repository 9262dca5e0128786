package io.mosaic.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class GatewayJvmTest {

    @Test
    void readsOneOptionPerWordAndSkipsComments() {
        assertThat(GatewayJvm.parse("# a comment\n-Xmx256m\n\n  -XX:+UseSerialGC   # why\n-Da=b -Dc=d\n"))
                .containsExactly("-Xmx256m", "-XX:+UseSerialGC", "-Da=b", "-Dc=d");
    }

    @Test
    void theDistributedFileBoundsTheHeapAndTurnsLeakSamplingOff() {
        Path file = ConsoleProcesses.repositoryRoot().resolve("gateway/src/main/dist/" + GatewayJvm.FILE_NAME);

        assertThat(GatewayJvm.options(file)).contains("-Xms96m", "-Xmx256m", "-Xmn48m", "-XX:+UseSerialGC",
                "-Dio.netty.leakDetection.level=disabled").allMatch(option -> option.startsWith("-"));
    }
}
