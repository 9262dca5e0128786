package io.mosaic.gateway.request;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How a request's id and trace id are read from what the caller sent. */
class RequestIdsTest {

    @Test
    void aSafeIdIsKeptAndAnyOtherIsReplacedByANewOne() {
        assertThat(RequestIds.decide("req-1.a_b:c")).isEqualTo("req-1.a_b:c");
        assertThat(RequestIds.decide(null)).matches("[0-9a-f]{32}");
        assertThat(RequestIds.decide("")).matches("[0-9a-f]{32}");
        assertThat(RequestIds.decide("a b")).matches("[0-9a-f]{32}");
        assertThat(RequestIds.decide("id\r\nX-Injected: 1")).matches("[0-9a-f]{32}");
        assertThat(RequestIds.decide("é")).matches("[0-9a-f]{32}");
        assertThat(RequestIds.decide("x".repeat(128))).hasSize(128);
        assertThat(RequestIds.decide("x".repeat(129))).matches("[0-9a-f]{32}");
        assertThat(RequestIds.decide(null)).isNotEqualTo(RequestIds.decide(null));
    }

    @Test
    void theTraceIdIsTakenOnlyFromAWellFormedTraceparent() {
        String trace = "4bf92f3577b34da6a3ce929d0e0e4736";
        assertThat(RequestIds.traceId("00-" + trace + "-00f067aa0ba902b7-01")).isEqualTo(trace);
        // A later version may append fields after a dash.
        assertThat(RequestIds.traceId("01-" + trace + "-00f067aa0ba902b7-01-extra")).isEqualTo(trace);
        assertThat(RequestIds.traceId(null)).isNull();
        assertThat(RequestIds.traceId("00-" + trace.toUpperCase() + "-00f067aa0ba902b7-01")).isNull();
        assertThat(RequestIds.traceId("00-00000000000000000000000000000000-00f067aa0ba902b7-01")).isNull();
        assertThat(RequestIds.traceId("ff-" + trace + "-00f067aa0ba902b7-01")).isNull();
        assertThat(RequestIds.traceId("00-" + trace + "-00f067aa0ba902b7-01x")).isNull();
        assertThat(RequestIds.traceId("00-" + trace + "-00f067aa0ba902b-01")).isNull();
        assertThat(RequestIds.traceId("00_" + trace + "-00f067aa0ba902b7-01")).isNull();
        assertThat(RequestIds.traceId("00-" + trace.substring(1) + "g-00f067aa0ba902b7-01")).isNull();
    }
}
