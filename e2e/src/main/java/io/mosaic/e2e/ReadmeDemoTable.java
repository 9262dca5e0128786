package io.mosaic.e2e;

import java.util.IntSummaryStatistics;

/**
 * Prints the README's table of the demo's fragments, and the sentence on its ports, from the
 * demo's table ({@value DemoFragments#TABLE}), so that the README says what the demo runs ({@code DemoTableAgreementTest} fails when it does not). After
 * a build, from the repository's root: {@code java -cp e2e/target/classes io.mosaic.e2e.ReadmeDemoTable}.
 */
public final class ReadmeDemoTable {

    private ReadmeDemoTable() {
    }

    public static void main(String[] args) {
        System.out.print(markdown());
    }

    /** The table in Markdown, one row per fragment in the table's order, then the ports sentence. */
    static String markdown() {
        StringBuilder out = new StringBuilder("| fragment | team | port | how it is built |\n");
        out.append("| --- | --- | --- | --- |\n");
        for (DemoFragments.Fragment f : DemoFragments.STARTED) {
            out.append("| `").append(f.name()).append("` | ").append(f.team()).append(" | ").append(f.defaultPort()).append(" | ")
                    .append(f.built()).append(" |\n");
        }
        IntSummaryStatistics ports = DemoFragments.STARTED.stream().mapToInt(DemoFragments.Fragment::defaultPort).summaryStatistics();
        boolean contiguous = ports.getMax() - ports.getMin() + 1 == ports.getCount();
        out.append("\nThe demo uses ports ").append(DemoFragments.GATEWAY_PORT).append(" (pages), ").append(DemoFragments.CONTROL_PORT)
                .append(" (console, registration API, actuator) and ")
                .append(contiguous ? ports.getMin() + "–" + ports.getMax() : DemoFragments.STARTED.stream()
                        .map(f -> String.valueOf(f.defaultPort())).collect(java.util.stream.Collectors.joining(", ")))
                .append(" (fragments).\n");
        return out.toString();
    }
}
