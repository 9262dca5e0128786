package io.mosaic.fragments.security;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.springframework.stereotype.Component;

/** The current settings, held in memory for the demo. */
@Component
class SecurityPolicy {

    private final SecuritySettings current = new SecuritySettings(
            new SecuritySettings.TwoFactor(true, "Everyone except guests", LocalDate.of(2026, 3, 2)),
            new SecuritySettings.SingleSignOn(true, "SAML 2.0", "Northwind Identity", LocalDate.of(2027, 4, 30)),
            Duration.ofHours(12),
            List.of("northwind.chat", "northwind-labs.example"),
            new SecuritySettings.Change("Dev Patel", LocalDate.of(2026, 11, 20)));

    SecuritySettings current() {
        return this.current;
    }

}
