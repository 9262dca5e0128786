package io.mosaic.fragments.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecuritySettingsTests {

    @Test
    void sessionLengthReadsInTheLargestWholeUnit() {
        assertThat(withSession(Duration.ofHours(12)).sessionLengthText()).isEqualTo("12 hours");
        assertThat(withSession(Duration.ofHours(1)).sessionLengthText()).isEqualTo("1 hour");
        assertThat(withSession(Duration.ofDays(7)).sessionLengthText()).isEqualTo("7 days");
        assertThat(withSession(Duration.ofMinutes(90)).sessionLengthText()).isEqualTo("90 minutes");
        assertThat(withSession(Duration.ofHours(36)).sessionLengthText()).isEqualTo("36 hours");
    }

    private static SecuritySettings withSession(Duration length) {
        return new SecuritySettings(null, null, length, List.of(), null);
    }

}
