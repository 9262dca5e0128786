package io.mosaic.fragments.security;

import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** The workspace's security settings as an administrator sees them; public because the template reads it. */
public record SecuritySettings(TwoFactor twoFactor, SingleSignOn sso, Duration sessionLength, List<String> allowedDomains,
        Change lastChange) {

    /** Dates as the console writes them, in English whatever the reader's locale: 2 March 2026. */
    private static final DateTimeFormatter LONG_DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);

    public SecuritySettings {
        allowedDomains = List.copyOf(allowedDomains);
    }

    /** The session length as people say it: {@code 12 hours}, {@code 30 minutes}, {@code 7 days}. */
    public String sessionLengthText() {
        if (this.sessionLength.toDaysPart() > 0 && this.sessionLength.toHoursPart() == 0) {
            return plural(this.sessionLength.toDays(), "day");
        }
        if (this.sessionLength.toMinutesPart() == 0) {
            return plural(this.sessionLength.toHours(), "hour");
        }
        return plural(this.sessionLength.toMinutes(), "minute");
    }

    private static String plural(long count, String unit) {
        return count + " " + unit + ((count == 1) ? "" : "s");
    }

    /**
     * @param enforced whether members must set up a second factor to sign in
     * @param scope who the rule covers, in words
     * @param since when enforcement started
     */
    public record TwoFactor(boolean enforced, String scope, LocalDate since) {

        public String sinceText() {
            return LONG_DATE.format(this.since);
        }

    }

    /**
     * @param enabled whether members sign in through the identity provider
     * @param protocol e.g. {@code SAML 2.0}
     * @param identityProvider the provider's display name
     * @param certificateExpires when the provider's signing certificate must be rotated
     */
    public record SingleSignOn(boolean enabled, String protocol, String identityProvider, LocalDate certificateExpires) {

        public String certificateExpiresText() {
            return LONG_DATE.format(this.certificateExpires);
        }

    }

    /** Who last changed these settings, and when. */
    public record Change(String by, LocalDate on) {

        public String onText() {
            return LONG_DATE.format(this.on);
        }

    }

}
