package io.mosaic.manifest;

import io.mosaic.manifest.internal.ManifestCompiler;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Reads a manifest from YAML or JSON: a single file, or a directory whose {@code *.yaml},
 * {@code *.yml} and {@code *.json} files are merged (one per team is the natural layout).
 * Never throws for bad input: every problem comes back in the {@link ReadResult}.
 *
 * <p>A <em>fragment document</em> is one fragment as a team publishes it: exactly the fields of
 * a manifest's fragment entry at the top level, without {@code version} or a {@code fragments:}
 * list. Documents are merged after the files as more fragments and checked with them: they
 * inherit the files' {@code defaults} and may mount into the files' pages. Their problems name
 * the document as the file, with paths relative to it ({@code mount[0].page}).
 */
public final class ManifestReader {

    private final ManifestCompiler compiler;

    /** A reader that knows the built-in layouts only. */
    public ManifestReader() {
        this(LayoutCatalog.BUILT_IN);
    }

    /** A reader that accepts pages naming any layout of {@code layouts}. */
    public ManifestReader(LayoutCatalog layouts) {
        this.compiler = new ManifestCompiler(layouts);
    }

    /** Reads {@code path}, a manifest file or a directory of them. */
    public ReadResult read(Path path) {
        return read(path, List.of());
    }

    /**
     * Reads {@code path}, a manifest file or a directory of them, with each of
     * {@code fragmentDocuments} as one more fragment, merged after the files.
     */
    public ReadResult read(Path path, List<SourceText> fragmentDocuments) {
        List<Problem> problems = new ArrayList<>();
        List<SourceText> sources = new ArrayList<>();
        String shown = path.toString();
        if (Files.isDirectory(path)) {
            List<Path> files;
            try (Stream<Path> listing = Files.list(path)) {
                files = listing.filter(ManifestReader::isManifestFile).sorted().toList();
            } catch (IOException e) {
                return failed(shown, "cannot list the directory: " + e.getMessage());
            }
            if (files.isEmpty()) {
                return failed(shown, "the directory holds no *.yaml, *.yml or *.json file");
            }
            for (Path file : files) {
                load(file, sources, problems);
            }
        } else if (!Files.exists(path)) {
            return failed(shown, "no such file or directory");
        } else {
            load(path, sources, problems);
        }
        return compiler.compile(sources, fragmentDocuments, problems);
    }

    /** Reads manifest text that did not come from a file; {@code name} is used in problems. */
    public ReadResult read(String name, String text) {
        return readAll(List.of(new SourceText(name, text)), List.of());
    }

    /** Reads several named texts merged as a directory would be, in the order given. */
    public ReadResult readAll(List<SourceText> files) {
        return readAll(files, List.of());
    }

    /** Reads manifest texts merged in the order given, then each fragment document as one more fragment. */
    public ReadResult readAll(List<SourceText> files, List<SourceText> fragmentDocuments) {
        return compiler.compile(files, fragmentDocuments, List.of());
    }

    /**
     * Every problem of {@code document} that can be found without the manifest: syntax, unknown
     * fields, types, name and team, URL, durations, sizes, assets, proxy paths and the shape of
     * its mounts. Whether its pages and slots exist, or its name is taken, is left to the manifest.
     */
    public List<Problem> checkFragment(SourceText document) {
        return compiler.checkFragment(document);
    }

    /**
     * Where the field {@code path} (such as {@code mount[0].page} or {@code timeout}) is written in
     * {@code document}, as {line, column}, 1-based; when the field is absent, where its nearest
     * existing parent is. Empty when the document does not parse.
     */
    public static Optional<int[]> positionOf(SourceText document, String path) {
        return ManifestCompiler.positionOf(document, path);
    }

    private static boolean isManifestFile(Path file) {
        String name = file.getFileName().toString();
        return Files.isRegularFile(file) && !name.startsWith(".")
                && (name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json"));
    }

    private static void load(Path file, List<SourceText> sources, List<Problem> problems) {
        String shown = file.toString();
        try {
            if (Files.size(file) > ManifestCompiler.MAX_CHARS) {
                problems.add(new Problem(shown, 0, 0, "", "the file is larger than " + ManifestCompiler.MAX_CHARS / (1024 * 1024) + " MiB"));
                return;
            }
            byte[] bytes = Files.readAllBytes(file);
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
            if (text.startsWith("\uFEFF")) {
                text = text.substring(1);
            }
            sources.add(new SourceText(shown, text));
        } catch (NoSuchFileException e) {
            problems.add(new Problem(shown, 0, 0, "", "no such file"));
        } catch (CharacterCodingException e) {
            problems.add(new Problem(shown, 0, 0, "", "the file is not valid UTF-8"));
        } catch (IOException e) {
            problems.add(new Problem(shown, 0, 0, "", "cannot read the file: " + e.getMessage()));
        }
    }

    private static ReadResult failed(String file, String message) {
        return new ReadResult(Optional.empty(), List.of(new Problem(file, 0, 0, "", message)), List.of(file));
    }
}
