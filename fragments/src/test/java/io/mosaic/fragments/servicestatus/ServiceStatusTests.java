package io.mosaic.fragments.servicestatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class ServiceStatusTests {

    @Test
    void everyStateHasItsOwnWordAndIcon() {
        assertThat(Arrays.stream(ServiceState.values()).map(ServiceState::label)).doesNotHaveDuplicates();
        assertThat(Arrays.stream(ServiceState.values()).map(ServiceState::icon)).doesNotHaveDuplicates();
    }

    @Test
    void uptimeReadsWithTwoDecimalsWhateverTheLocale() {
        Locale before = Locale.getDefault();
        Locale.setDefault(Locale.GERMANY);
        try {
            assertThat(service(ServiceState.OPERATIONAL, 99.9).uptimeText()).isEqualTo("99.90%");
            assertThat(service(ServiceState.OPERATIONAL, 100).uptimeText()).isEqualTo("100.00%");
        }
        finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void uptimeOutsideZeroToHundredNamesTheService() {
        assertThatIllegalArgumentException().isThrownBy(() -> new ServiceHealth("Calls", ServiceState.DEGRADED, 100.5, ""))
            .withMessage("uptimePercent of Calls must be between 0 and 100, but was 100.5");
    }

    @Test
    void summaryCountsOperationalServices() {
        assertThat(ServiceStatusController.summary(List.of(service(ServiceState.OPERATIONAL, 99), service(ServiceState.OPERATIONAL, 99))))
            .isEqualTo("All services operational");
        assertThat(ServiceStatusController.summary(List.of(service(ServiceState.OPERATIONAL, 99), service(ServiceState.OUTAGE, 90))))
            .isEqualTo("1 of 2 services operational");
    }

    private static ServiceHealth service(ServiceState state, double uptime) {
        return new ServiceHealth("Messaging", state, uptime, null);
    }

}
