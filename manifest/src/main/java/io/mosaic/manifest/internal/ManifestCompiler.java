package io.mosaic.manifest.internal;

import io.mosaic.manifest.LayoutCatalog;
import io.mosaic.manifest.Manifest;
import io.mosaic.manifest.Problem;
import io.mosaic.manifest.ReadResult;
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
 * Turns manifest sources into a {@link Manifest} or every problem they have: parse each file,
 * bind it, then merge and check across files. JSON is read by the same YAML 1.2 parser, of
 * which it is a subset, so both report positions the same way.
 */
public final class ManifestCompiler {

    /** The largest manifest file read, in characters. */
    public static final int MAX_CHARS = 4 * 1024 * 1024;

    /** One file's name and text. */
    public record Source(String name, String text) {
    }

    private final LayoutCatalog layouts;

    public ManifestCompiler(LayoutCatalog layouts) {
        this.layouts = layouts;
    }

    /** Compiles the given sources, merged in the order given; {@code early} are problems found while reading them. */
    public ReadResult compile(List<Source> sources, List<Problem> early) {
        List<Problem> problems = new ArrayList<>(early);
        List<Drafts.Part> parts = new ArrayList<>();
        for (Source source : sources) {
            parse(source, problems).ifPresent(root -> parts.add(new DocumentBinder(new NodeReader(source.name(), problems)).bind(root)));
        }
        Optional<Manifest> manifest = Optional.empty();
        if (problems.isEmpty()) {
            manifest = new Resolver(layouts, problems).resolve(parts);
        } else if (!parts.isEmpty()) {
            // Still look across files, so that one run reports every problem there is.
            new Resolver(layouts, problems).resolve(parts);
        }
        problems.sort(Comparator.comparing(Problem::file).thenComparingInt(Problem::line).thenComparingInt(Problem::column));
        return new ReadResult(problems.isEmpty() ? manifest : Optional.empty(), distinct(problems),
                sources.stream().map(Source::name).toList());
    }

    private static List<Problem> distinct(List<Problem> problems) {
        return problems.stream().distinct().toList();
    }

    private Optional<Node> parse(Source source, List<Problem> problems) {
        if (source.text().isBlank()) {
            problems.add(new Problem(source.name(), 1, 1, "", "the file is empty; a manifest starts with 'version: 1'"));
            return Optional.empty();
        }
        LoadSettings settings = LoadSettings.builder()
                .setLabel(source.name())
                .setAllowDuplicateKeys(true) // reported by the binder, with both lines, instead of failing here
                .setMaxAliasesForCollections(50)
                .setCodePointLimit(MAX_CHARS)
                .setUseMarks(true)
                .build();
        try {
            Iterator<Node> documents = new Compose(settings).composeAllFromString(source.text()).iterator();
            if (!documents.hasNext()) {
                problems.add(new Problem(source.name(), 1, 1, "", "the file holds no document (only comments?); a manifest starts with 'version: 1'"));
                return Optional.empty();
            }
            Node root = documents.next();
            if (documents.hasNext()) {
                Node second = documents.next();
                problems.add(Position.of(source.name(), second, "").problem("a manifest file holds one document; split the others into their own files"));
                return Optional.empty();
            }
            if (NodeReader.isNull(root)) {
                problems.add(new Problem(source.name(), 1, 1, "", "the file is empty; a manifest starts with 'version: 1'"));
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
