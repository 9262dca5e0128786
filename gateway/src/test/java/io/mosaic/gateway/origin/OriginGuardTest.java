package io.mosaic.gateway.origin;

import static org.assertj.core.api.Assertions.assertThat;

import io.mosaic.gateway.support.TestOrigin;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/** The guard in a bare Reactor Netty client, against a real origin on loopback. */
class OriginGuardTest {

    static final TestOrigin ORIGIN = new TestOrigin().html("/x", "<p>x</p>");
    static final ExecutorService RESOLVING = Executors.newSingleThreadExecutor(r -> new Thread(r, "test-resolver"));
    static final List<String> RESOLVED_ON = new CopyOnWriteArrayList<>();
    static final HostResolver DNS = host -> {
        RESOLVED_ON.add(Thread.currentThread().getName());
        return List.of(InetAddress.getByName("127.0.0.1"));
    };

    @AfterAll
    static void stop() {
        ORIGIN.close();
        RESOLVING.shutdown();
    }

    private static Object get(OriginPolicy policy, String url) {
        OriginGuard guard = new OriginGuard(policy, RESOLVING);
        try {
            // A new connection each time: a pooled one would skip the connect this test is about.
            return guard.apply(HttpClient.newConnection()).get().uri(url)
                    .responseSingle((response, body) -> Mono.just((Object) response.status().code()))
                    .onErrorResume(Mono::just)
                    .block(Duration.ofSeconds(5));
        } finally {
            guard.close();
        }
    }

    @Test
    void refusesAnIpLiteralOnLoopbackBeforeConnecting() {
        int before = ORIGIN.calls();

        Object outcome = get(new OriginPolicy(List.of(), DNS, Set::of), ORIGIN.url("/x").toString());

        assertThat(outcome).isInstanceOf(OriginRefusedException.class);
        assertThat(((Throwable) outcome).getMessage()).contains("127.0.0.1, a loopback address");
        assertThat(ORIGIN.calls()).isEqualTo(before);
    }

    @Test
    void refusesANameThatResolvesToLoopbackAndResolvesItOffTheEventLoop() {
        int before = ORIGIN.calls();
        RESOLVED_ON.clear();

        Object outcome = get(new OriginPolicy(List.of(), DNS, Set::of), "http://internal.test:" + ORIGIN.port() + "/x");

        assertThat(outcome).isInstanceOf(OriginRefusedException.class);
        assertThat(((Throwable) outcome).getMessage()).contains("host 'internal.test' resolves to 127.0.0.1, a loopback address");
        assertThat(ORIGIN.calls()).isEqualTo(before);
        assertThat(RESOLVED_ON).containsOnly("test-resolver");
    }

    @Test
    void refusesANumericSpellingOfLoopbackWithoutAskingDns() {
        RESOLVED_ON.clear();

        Object outcome = get(new OriginPolicy(List.of(), DNS, Set::of), "http://0x7f.1:" + ORIGIN.port() + "/x");

        assertThat(outcome).isInstanceOf(OriginRefusedException.class);
        assertThat(RESOLVED_ON).isEmpty();
    }

    @Test
    void connectsToATrustedOrAllowedOriginOnLoopback() {
        int before = ORIGIN.calls();
        String literal = "http://127.0.0.1:" + ORIGIN.port();
        String name = "http://internal.test:" + ORIGIN.port();

        assertThat(get(new OriginPolicy(List.of(), DNS, () -> Set.of(literal)), literal + "/x")).isEqualTo(200);
        assertThat(get(new OriginPolicy(List.of(name), DNS, Set::of), name + "/x")).isEqualTo(200);
        assertThat(ORIGIN.calls()).isEqualTo(before + 2);
    }
}
