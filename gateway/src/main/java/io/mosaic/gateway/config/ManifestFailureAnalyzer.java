package io.mosaic.gateway.config;

import io.mosaic.manifest.ManifestException;
import io.mosaic.manifest.Problem;
import java.util.stream.Collectors;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a bad manifest at start into a short report naming the file and every problem, instead of a stack trace. */
class ManifestFailureAnalyzer extends AbstractFailureAnalyzer<ManifestException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ManifestException cause) {
        String problems = cause.problems().stream().map(Problem::toString).collect(Collectors.joining("\n"));
        return new FailureAnalysis("The gateway cannot start: the manifest is unreadable or invalid.\n" + problems,
                "Fix the manifest (check it with: java -jar manifest/target/manifest.jar validate PATH) and start again.",
                cause);
    }
}
