package io.mosaic.manifest;

import java.util.List;
import java.util.stream.Collectors;

/** A manifest that could not be read or did not pass validation, with every problem found. */
public class ManifestException extends RuntimeException {

    private final List<Problem> problems;

    public ManifestException(List<Problem> problems) {
        super(describe(problems));
        this.problems = List.copyOf(problems);
    }

    /** Every problem, in file and line order. */
    public List<Problem> problems() {
        return problems;
    }

    private static String describe(List<Problem> problems) {
        return "invalid manifest (" + problems.size() + (problems.size() == 1 ? " problem" : " problems") + "):\n"
                + problems.stream().map(Problem::toString).collect(Collectors.joining("\n"));
    }
}
