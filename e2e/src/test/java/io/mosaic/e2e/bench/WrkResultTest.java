package io.mosaic.e2e.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class WrkResultTest {

    private static final String CLEAN = """
            Running 15s test @ http://127.0.0.1:41017/fast
              1 threads and 32 connections
              Thread Stats   Avg      Stdev     Max   +/- Stdev
                Latency     7.76ms    3.28ms  26.57ms   68.40%
                Req/Sec     4.12k     1.12k    6.93k    73.33%
              Latency Distribution
                 50%    7.47ms
                 75%    9.35ms
                 90%   12.16ms
                 99%    1.49s\s
              12332 requests in 3.02s, 267.11MB read
            Requests/sec:   4085.65
            Transfer/sec:     88.49MB
            """;

    @Test
    void readsRequestsRateAndPercentilesInMilliseconds() {
        WrkResult result = WrkResult.parse(CLEAN);

        assertThat(result.requests()).isEqualTo(12332);
        assertThat(result.seconds()).isCloseTo(3.02, within(1e-9));
        assertThat(result.requestsPerSecond()).isCloseTo(4085.65, within(1e-9));
        assertThat(result.p50Millis()).isCloseTo(7.47, within(1e-9));
        assertThat(result.p90Millis()).isCloseTo(12.16, within(1e-9));
        assertThat(result.p99Millis()).isCloseTo(1490, within(1e-9));
        assertThat(result.errors()).isZero();
    }

    @Test
    void countsSocketErrorsAndAnswersOfStatus400OrMore() {
        String output = CLEAN.replace("Requests/sec:", """
                  Socket errors: connect 1, read 2, write 3, timeout 4
                  Non-2xx or 3xx responses: 17
                Requests/sec:""");

        WrkResult result = WrkResult.parse(output);

        assertThat(result.socketErrors()).isEqualTo(10);
        assertThat(result.statusErrors()).isEqualTo(17);
        assertThat(result.errors()).isEqualTo(27);
    }

    @Test
    void readsMicrosecondPercentiles() {
        assertThat(WrkResult.parse(CLEAN.replace("50%    7.47ms", "50%  812.00us")).p50Millis()).isCloseTo(0.812, within(1e-9));
    }

    @Test
    void percentilesAreUnknownWithoutTheLatencyOption() {
        String withoutDistribution = CLEAN.replaceAll("(?s)  Latency Distribution.*?(?=  12332)", "");

        assertThat(WrkResult.parse(withoutDistribution).p99Millis()).isNaN();
    }

    @Test
    void failsOnOutputThatIsNotAReport() {
        assertThatThrownBy(() -> WrkResult.parse("unable to connect to 127.0.0.1:1 Connection refused"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("requests in");
    }
}
