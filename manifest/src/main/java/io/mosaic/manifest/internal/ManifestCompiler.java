package io.mosaic.manifest.internal;

import io.mosaic.manifest.LayoutCatalog;
import io.mosaic.manifest.Manifest;
import io.mosaic.manifest.Problem;
import io.mosaic.manifest.ReadResult;
import io.mosaic.manifest.SourceText;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Turns manifest sources into a {@link Manifest} or every problem they have: parse each file
 * (and each fragment document), bind it, then merge and check across them. JSON is read by the same YAML 1.2 parser, of
 * which it is a subset, so both report positions the same way.
 */
public final class ManifestCompiler {

    /** The largest manifest file read, in characters. */
    public static final int MAX_CHARS = 4 * 1024 * 1024;

    private final LayoutCatalog layouts;

    public ManifestCompiler(LayoutCatalog layouts) {
        this.layouts = layouts;
    }

    /**
     * Compiles manifest files merged in the order given, then each fragment document as one more
     * fragment, all checked together; {@code early} are problems found while reading the files.
     */
    public ReadResult compile(List<SourceText> files, List<SourceText> fragmentDocuments, List<Problem> early) {
        List<Problem> problems = new ArrayList<>(early);
        List<Drafts.Part> parts = new ArrayList<>();
        for (SourceText file : files) {
            parse(file, MANIFEST, problems).ifPresent(root -> parts.add(binder(file, problems).bind(root)));
        }
        for (SourceText document : fragmentDocuments) {
            parse(document, FRAGMENT, problems).ifPresent(root -> parts.add(binder(document, problems).bindFragment(root)));
        }
        Optional<Manifest> manifest = Optional.empty();
        if (problems.isEmpty()) {
            manifest = new Resolver(layouts, problems).resolve(parts);
        } else if (!parts.isEmpty()) {
            // Still look across files, so that one run reports every problem there is.
            new Resolver(layouts, problems).resolve(parts);
        }
        List<String> names = new ArrayList<>(files.stream().map(SourceText::name).toList());
        fragmentDocuments.forEach(document -> names.add(document.name()));
        return new ReadResult(problems.isEmpty() ? manifest : Optional.empty(), sorted(problems), names);
    }

    /**
     * Every problem of one fragment document on its own: its fields, types and values, and its
     * mounts' shape, but not whether the pages and slots they name exist (those live elsewhere).
     */
    public List<Problem> checkFragment(SourceText document) {
        List<Problem> problems = new ArrayList<>();
        parse(document, FRAGMENT, problems).ifPresent(root -> {
            Drafts.Part part = binder(document, problems).bindFragment(root);
            // The breaker's own consistency, when the document sets both sides; the rest comes from defaults not known here.
            part.fragments().forEach(fragment -> {
                Drafts.BreakerOverrides breaker = fragment.overrides().circuitBreaker();
                if (breaker.window() != null && breaker.minimumCalls() != null && breaker.minimumCalls() > breaker.window()) {
                    problems.add(new Position(document.name(), breaker.at().line(), breaker.at().column(), breaker.at().path() + ".minimumCalls")
                            .problem("minimumCalls (" + breaker.minimumCalls() + ") must not exceed window (" + breaker.window() + ")"));
                }
            });
        });
        return sorted(problems);
    }

    /** Where {@code path} is in {@code document} (line, column; 1-based), or its nearest existing parent; empty when it does not parse. */
    public static Optional<int[]> positionOf(SourceText document, String path) {
        try {
            Iterator<Node> documents = new Compose(settings(document.name())).composeAllFromString(document.text()).iterator();
            if (!documents.hasNext()) {
                return Optional.empty();
            }
            Position at = Position.of(document.name(), NodePaths.nearest(documents.next(), path), path);
            return at.line() == 0 ? Optional.empty() : Optional.of(new int[] {at.line(), at.column()});
        } catch (YamlEngineException e) {
            return Optional.empty();
        }
    }

    private static DocumentBinder binder(SourceText source, List<Problem> problems) {
        return new DocumentBinder(new NodeReader(source.name(), problems));
    }

    private static List<Problem> sorted(List<Problem> problems) {
        List<Problem> copy = new ArrayList<>(problems);
        copy.sort(Comparator.comparing(Problem::file).thenComparingInt(Problem::line).thenComparingInt(Problem::column));
        return distinct(copy);
    }

    private static List<Problem> distinct(List<Problem> problems) {
        return problems.stream().distinct().toList();
    }

    /** What a source is, for the words of its document-level problems. */
    private record Kind(String empty, String noDocument, String twoDocuments) {
    }

    private static final Kind MANIFEST = new Kind("the file is empty; a manifest starts with 'version: 1'",
            "the file holds no document (only comments?); a manifest starts with 'version: 1'",
            "a manifest file holds one document; split the others into their own files");
    private static final Kind FRAGMENT = new Kind("the fragment document is empty; it holds one fragment's fields, starting with 'name:'",
            "the fragment document holds no document (only comments?); it holds one fragment's fields, starting with 'name:'",
            "a fragment document holds one fragment; publish the others on their own");

    private static LoadSettings settings(String label) {
        return LoadSettings.builder()
                .setLabel(label)
                .setAllowDuplicateKeys(true) // reported by the binder, with both lines, instead of failing here
                .setMaxAliasesForCollections(50)
                .setCodePointLimit(MAX_CHARS)
                .setUseMarks(true)
                .build();
    }

    private Optional<Node> parse(SourceText source, Kind kind, List<Problem> problems) {
        if (source.text().isBlank()) {
            problems.add(new Problem(source.name(), 1, 1, "", kind.empty()));
            return Optional.empty();
        }
        try {
            Iterator<Node> documents = new Compose(settings(source.name())).composeAllFromString(source.text()).iterator();
            if (!documents.hasNext()) {
                problems.add(new Problem(source.name(), 1, 1, "", kind.noDocument()));
                return Optional.empty();
            }
            Node root = documents.next();
            if (documents.hasNext()) {
                Node second = documents.next();
                problems.add(Position.of(source.name(), second, "").problem(kind.twoDocuments()));
                return Optional.empty();
            }
            if (NodeReader.isNull(root)) {
                problems.add(new Problem(source.name(), 1, 1, "", kind.empty()));
                return Optional.empty();
            }
            return Optional.of(root);
        } catch (MarkedYamlEngineException e) {
            String problem = e.getProblem() == null ? e.getMessage() : e.getProblem();
            String context = e.getContext() == null ? "" : " (" + e.getContext() + ")";
            Position at = e.getProblemMark().or(e::getContextMark)
                    .map(mark -> Position.of(source.name(), mark, ""))
                    .orElse(new Position(source.name(), 1, 1, ""));
            problems.add(at.problem("syntax error: " + problem + context));
            return Optional.empty();
        } catch (YamlEngineException e) {
            problems.add(new Problem(source.name(), 1, 1, "", "syntax error: " + e.getMessage()));
            return Optional.empty();
        }
    }
}
