package io.mosaic.fragments.servicestatus;

import java.util.Locale;

/**
 * One service of Northwind Chat as the widget shows it. Public because the template reads it.
 *
 * @param name the service as users know it, e.g. {@code Calls}
 * @param state how it is doing now
 * @param uptimePercent the share of the last 30 days it was available, from 0 to 100
 * @param note what users notice while it is not operational, or empty
 */
public record ServiceHealth(String name, ServiceState state, double uptimePercent, String note) {

    public ServiceHealth {
        if (uptimePercent < 0 || uptimePercent > 100) {
            throw new IllegalArgumentException("uptimePercent of " + name + " must be between 0 and 100, but was " + uptimePercent);
        }
        note = (note != null) ? note : "";
    }

    /** The uptime with two decimals, in English whatever the reader's locale: {@code 99.98%}. */
    public String uptimeText() {
        return String.format(Locale.ENGLISH, "%.2f%%", this.uptimePercent);
    }

}
