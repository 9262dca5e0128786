package io.mosaic.e2e.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrometheusTextTest {

    private static final String SCRAPE = """
            # HELP mosaic_fragment_breaker_state Circuit breaker state: 0 closed, 1 open, 2 half-open
            # TYPE mosaic_fragment_breaker_state gauge
            mosaic_fragment_breaker_state{fragment="hang"} 0.0
            mosaic_fragment_breaker_state{fragment="hang-b"} 1.0
            # TYPE mosaic_fragment_outcomes_total counter
            mosaic_fragment_outcomes_total{fragment="f1",outcome="ok",reason="none"} 900.0
            mosaic_fragment_outcomes_total{fragment="f1",outcome="stale",reason="timeout"} 12.0
            mosaic_fragment_outcomes_total{fragment="hang",outcome="fallback",reason="timeout"} 3.0
            """;

    @Test
    void readsOneFragmentsGaugeByExactName() {
        assertThat(PrometheusText.fragmentValue(SCRAPE, "mosaic_fragment_breaker_state", "hang-b")).hasValue(1.0);
        assertThat(PrometheusText.fragmentValue(SCRAPE, "mosaic_fragment_breaker_state", "hang")).hasValue(0.0);
        assertThat(PrometheusText.fragmentValue(SCRAPE, "mosaic_fragment_breaker_state", "f1")).isEmpty();
    }

    @Test
    void sumsEverySeriesOfAMetricWithOrWithoutLabels() {
        String scrape = SCRAPE + """
                jvm_gc_pause_seconds_sum{action="end of minor GC",cause="Allocation Failure",gc="Copy"} 1.5
                jvm_gc_pause_seconds_sum{action="end of major GC",cause="Allocation Failure",gc="MarkSweepCompact"} 0.25
                jvm_gc_pause_seconds_count{action="end of minor GC",cause="Allocation Failure",gc="Copy"} 12.0
                jvm_gc_memory_allocated_bytes_total 1.073741824E9
                """;

        assertThat(PrometheusText.sum(scrape, "jvm_gc_pause_seconds_sum")).isEqualTo(1.75);
        assertThat(PrometheusText.sum(scrape, "jvm_gc_memory_allocated_bytes_total")).isEqualTo(1073741824.0);
        assertThat(PrometheusText.sum(scrape, "jvm_gc_pause_seconds")).isZero();
        assertThat(PrometheusText.sum(scrape, "mosaic_fragment_outcomes_total")).isEqualTo(915.0);
    }

    @Test
    void sumsTheOutcomesOtherThanOk() {
        assertThat(PrometheusText.sumWhereNot(SCRAPE, "mosaic_fragment_outcomes_total", "outcome", "ok")).isEqualTo(15.0);
    }
}
