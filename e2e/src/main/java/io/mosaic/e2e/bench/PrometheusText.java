package io.mosaic.e2e.bench;

import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the few series the benchmark needs out of the gateway's {@code /actuator/prometheus} text. */
final class PrometheusText {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)\\{([^}]*)}\\s+(\\S+)", Pattern.MULTILINE);
    private static final Pattern ANY_SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{[^}]*})?\\s+(\\S+)", Pattern.MULTILINE);

    private PrometheusText() {
    }

    /** The value of {@code metric} whose label {@code fragment} is {@code fragment}, if present. */
    static OptionalDouble fragmentValue(String text, String metric, String fragment) {
        Matcher m = SAMPLE.matcher(text);
        while (m.find()) {
            if (m.group(1).equals(metric) && hasLabel(m.group(2), "fragment", fragment)) {
                return OptionalDouble.of(Double.parseDouble(m.group(3)));
            }
        }
        return OptionalDouble.empty();
    }

    /** The sum of {@code metric} over all series whose label {@code label} is not {@code value}. */
    static double sumWhereNot(String text, String metric, String label, String value) {
        double sum = 0;
        Matcher m = SAMPLE.matcher(text);
        while (m.find()) {
            if (m.group(1).equals(metric) && !hasLabel(m.group(2), label, value)) {
                sum += Double.parseDouble(m.group(3));
            }
        }
        return sum;
    }

    /** The sum of {@code metric} over all its series, labelled or not; 0 when it has none. */
    static double sum(String text, String metric) {
        double sum = 0;
        Matcher m = ANY_SAMPLE.matcher(text);
        while (m.find()) {
            if (m.group(1).equals(metric)) {
                sum += Double.parseDouble(m.group(2));
            }
        }
        return sum;
    }

    private static boolean hasLabel(String labels, String name, String value) {
        return ("," + labels + ",").contains("," + name + "=\"" + value + "\",");
    }
}
