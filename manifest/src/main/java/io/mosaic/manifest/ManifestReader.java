package io.mosaic.manifest;

import io.mosaic.manifest.internal.ManifestCompiler;
import io.mosaic.manifest.internal.ManifestCompiler.Source;
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
import java.util.stream.Stream;

/**
 * Reads a manifest from YAML or JSON: a single file, or a directory whose {@code *.yaml},
 * {@code *.yml} and {@code *.json} files are merged (one per team is the natural layout).
 * Never throws for bad input: every problem comes back in the {@link ReadResult}.
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
        List<Problem> problems = new ArrayList<>();
        List<Source> sources = new ArrayList<>();
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
        return compiler.compile(sources, problems);
    }

    /** TEMPORARY shim until fragment documents land: each document wrapped as a one-fragment manifest part. */
    public ReadResult read(Path path, List<SourceText> fragmentDocuments) {
        ReadResult files = read(path);
        if (fragmentDocuments.isEmpty() || !files.valid()) {
            return files;
        }
        List<Source> sources = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        if (Files.isDirectory(path)) {
            try (Stream<Path> listing = Files.list(path)) {
                listing.filter(ManifestReader::isManifestFile).sorted().forEach(file -> load(file, sources, problems));
            } catch (IOException e) {
                return failed(path.toString(), "cannot list the directory: " + e.getMessage());
            }
        } else {
            load(path, sources, problems);
        }
        for (SourceText document : fragmentDocuments) {
            sources.add(new Source(document.name(), "{\"version\": 1, \"fragments\": [" + document.text() + "]}"));
        }
        return compiler.compile(sources, problems);
    }

    /** Reads manifest text that did not come from a file; {@code name} is used in problems. */
    public ReadResult read(String name, String text) {
        return compiler.compile(List.of(new Source(name, text)), List.of());
    }

    /** Reads several named texts merged as a directory would be, in the order given. */
    public ReadResult readAll(List<Source> sources) {
        return compiler.compile(sources, List.of());
    }

    private static boolean isManifestFile(Path file) {
        String name = file.getFileName().toString();
        return Files.isRegularFile(file) && !name.startsWith(".")
                && (name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json"));
    }

    private static void load(Path file, List<Source> sources, List<Problem> problems) {
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
            sources.add(new Source(shown, text));
        } catch (NoSuchFileException e) {
            problems.add(new Problem(shown, 0, 0, "", "no such file"));
        } catch (CharacterCodingException e) {
            problems.add(new Problem(shown, 0, 0, "", "the file is not valid UTF-8"));
        } catch (IOException e) {
            problems.add(new Problem(shown, 0, 0, "", "cannot read the file: " + e.getMessage()));
        }
    }

    private static ReadResult failed(String file, String message) {
        return new ReadResult(java.util.Optional.empty(), List.of(new Problem(file, 0, 0, "", message)), List.of(file));
    }
}
