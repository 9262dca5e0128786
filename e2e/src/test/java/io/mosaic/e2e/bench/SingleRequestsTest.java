package io.mosaic.e2e.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SingleRequestsTest {

    @Test
    void percentileIsTheNearestRankAndMedianTheMiddle() {
        double[] values = IntStream.rangeClosed(1, 41).mapToDouble(i -> 42 - i).toArray();

        assertThat(SingleRequests.percentile(values, 90)).isEqualTo(37);
        assertThat(SingleRequests.percentile(values, 50)).isEqualTo(21);
        assertThat(SingleRequests.median(values)).isEqualTo(21);
        assertThat(SingleRequests.percentile(new double[] {Double.NaN, 5}, 90)).isEqualTo(5);
        assertThat(SingleRequests.percentile(new double[] {Double.NaN}, 90)).isNaN();
    }
}
