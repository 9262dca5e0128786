package io.mosaic.manifest.internal;

import io.mosaic.manifest.Assets;
import io.mosaic.manifest.Forwarding;
import io.mosaic.manifest.ProxyPath;
import io.mosaic.manifest.QuerySelection;
import io.mosaic.manifest.Reach;
import io.mosaic.manifest.Trust;
import io.mosaic.manifest.internal.NodeReader.Field;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Binds the fields that decide what a fragment may reach and run: its proxy paths, assets,
 * forwarded request parts and trust level. The gateway's security rests on these, so each entry
 * is checked on its own and refused with the reason.
 */
final class AccessBinder {

    static final Set<String> ASSETS = ordered("css", "js");
    static final Set<String> ASSET = ordered("path", "integrity");
    static final Set<String> PROXY_PATH = ordered("path", "methods");
    static final Set<String> FORWARD = ordered("query", "cookies", "headers");

    private final NodeReader in;

    AccessBinder(NodeReader in) {
        this.in = in;
    }

    /** Proxy entries: a path prefix as text (default methods) or {path, methods}. */
    Optional<List<ProxyPath>> proxy(Field field, URI origin) {
        Optional<List<Node>> items = list(field, "paths such as /api", "proxy");
        if (items.isEmpty()) {
            return Optional.empty();
        }
        List<ProxyPath> proxy = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (int i = 0; i < items.get().size(); i++) {
            Node item = items.get().get(i);
            String itemPath = field.path() + "[" + i + "]";
            Optional<ProxyPath> entry;
            if (item instanceof MappingNode) {
                entry = in.fields(item, itemPath, PROXY_PATH).flatMap(f -> {
                    Optional<String> path = entryPath(f, item, itemPath, origin, false,
                            "an origin path prefix such as /api/admin");
                    Optional<List<String>> methods = Optional.ofNullable(f.get("methods")).map(this::methods)
                            .orElse(Optional.of(ProxyPath.DEFAULT_METHODS));
                    return path.flatMap(p -> methods.map(m -> new ProxyPath(withoutTrailingSlash(p), m)));
                });
            } else if (NodeReader.isScalar(item, Tag.STR)) {
                entry = originPath(item, itemPath, ((ScalarNode) item).getValue(), origin, false)
                        .map(p -> ProxyPath.of(withoutTrailingSlash(p)));
            } else {
                in.problem(item, itemPath, "expected a path such as /api or {path: /api, methods: [GET, POST]}, got "
                        + NodeReader.describe(item));
                entry = Optional.empty();
            }
            entry.ifPresent(p -> {
                if (seen.add(p.path())) {
                    proxy.add(p);
                } else {
                    in.problem(item, itemPath, "'" + p.path() + "' is listed twice");
                }
            });
        }
        return Optional.of(proxy);
    }

    private Optional<List<String>> methods(Field field) {
        return in.texts(field.value(), field.path(), "methods such as [GET, POST]").flatMap(texts -> {
            if (texts.isEmpty()) {
                in.problem(field.value(), field.path(), "an empty list allows no request; name methods such as [GET, POST] "
                        + "or remove the entry");
                return Optional.empty();
            }
            List<Node> items = ((SequenceNode) field.value()).getValue();
            List<String> methods = new ArrayList<>();
            boolean ok = true;
            for (int i = 0; i < texts.size(); i++) {
                String method = texts.get(i);
                Optional<String> problem = Rules.methodProblem(method);
                if (problem.isEmpty() && methods.contains(method)) {
                    problem = Optional.of("'" + method + "' is listed twice");
                }
                Node item = items.get(i);
                String itemPath = field.path() + "[" + i + "]";
                problem.ifPresent(p -> in.problem(item, itemPath, p));
                ok &= problem.isEmpty();
                methods.add(method);
            }
            return ok ? Optional.of(methods) : Optional.empty();
        });
    }

    /** Why a {@code trust: untrusted} fragment's script entry is refused. */
    static final String UNTRUSTED_SCRIPT = "an untrusted fragment may declare no scripts: a declared script runs with the "
            + "page's full privileges, which trust: untrusted withholds from its HTML; remove the script or use trust: standard";

    /**
     * Stylesheets and scripts: each a path as text or {path, integrity}. A fragment of
     * {@code trust} untrusted may list no script: each entry is refused.
     */
    Optional<Assets> assets(Field field, URI origin, Trust trust) {
        return in.fields(field.value(), field.path(), ASSETS).map(f -> {
            Map<String, String> integrity = new LinkedHashMap<>();
            List<String> css = Optional.ofNullable(f.get("css"))
                    .map(v -> assetPaths(v, origin, "stylesheet paths", "assets.css", "/app.css", integrity)).orElse(List.of());
            List<String> js = Optional.ofNullable(f.get("js"))
                    .map(v -> trust == Trust.UNTRUSTED ? noScripts(v)
                            : assetPaths(v, origin, "script paths", "assets.js", "/app.js", integrity))
                    .orElse(List.of());
            return new Assets(css, js, integrity);
        });
    }

    private List<String> noScripts(Field field) {
        list(field, "script paths", "assets.js").ifPresent(items -> {
            for (int i = 0; i < items.size(); i++) {
                in.problem(items.get(i), field.path() + "[" + i + "]", UNTRUSTED_SCRIPT);
            }
        });
        return List.of();
    }

    private List<String> assetPaths(Field field, URI origin, String what, String name, String example,
                                    Map<String, String> integrity) {
        Optional<List<Node>> items = list(field, what, name);
        List<String> paths = new ArrayList<>();
        for (int i = 0; items.isPresent() && i < items.get().size(); i++) {
            Node item = items.get().get(i);
            String itemPath = field.path() + "[" + i + "]";
            Optional<String> path;
            Optional<String> hash = Optional.empty();
            if (item instanceof MappingNode) {
                Optional<Map<String, Field>> f = in.fields(item, itemPath, ASSET);
                path = f.flatMap(fields -> entryPath(fields, item, itemPath, origin, true, "the asset's path, such as " + example));
                hash = f.flatMap(fields -> integrity(fields, item, itemPath));
                if (f.isPresent() && hash.isEmpty()) {
                    path = Optional.empty();
                }
            } else if (NodeReader.isScalar(item, Tag.STR)) {
                path = originPath(item, itemPath, ((ScalarNode) item).getValue(), origin, true);
            } else {
                in.problem(item, itemPath, "expected a path such as " + example + " or {path: " + example
                        + ", integrity: sha384-...}, got " + NodeReader.describe(item));
                path = Optional.empty();
            }
            if (path.isPresent() && paths.contains(path.get())) {
                in.problem(item, itemPath, "'" + path.get() + "' is listed twice");
            } else if (path.isPresent()) {
                paths.add(path.get());
                String p = path.get();
                hash.ifPresent(h -> integrity.put(p, h));
            }
        }
        return paths;
    }

    private Optional<String> integrity(Map<String, Field> fields, Node entry, String entryPath) {
        Field field = fields.get("integrity");
        if (field == null) {
            in.problem(entry, entryPath + ".integrity", "missing: a Subresource Integrity value such as sha384-...; "
                    + "an asset without one is written as its path alone");
            return Optional.empty();
        }
        return in.text(field.value(), field.path()).flatMap(text -> {
            Optional<String> problem = Rules.integrityProblem(text);
            problem.ifPresent(p -> in.problem(field.value(), field.path(), p));
            return problem.isPresent() ? Optional.empty() : Optional.of(String.join(" ", text.trim().split("[ \\t]+")));
        });
    }

    /** Which query parameters, cookies and headers of the browser's request reach the fragment. */
    Optional<Forwarding> forward(Field field) {
        return in.fields(field.value(), field.path(), FORWARD).flatMap(f -> {
            Optional<QuerySelection> query = Optional.ofNullable(f.get("query")).map(this::query)
                    .orElse(Optional.of(QuerySelection.ALL));
            Optional<List<String>> cookies = Optional.ofNullable(f.get("cookies"))
                    .map(v -> names(v, "cookie names such as [session]", "forward.cookies", Reach::cookieProblem, false))
                    .orElse(Optional.of(List.of()));
            Optional<List<String>> headers = Optional.ofNullable(f.get("headers"))
                    .map(v -> names(v, "header names such as [Accept-Language]", "forward.headers", Reach::headerProblem, true))
                    .orElse(Optional.of(List.of()));
            if (query.isEmpty() || cookies.isEmpty() || headers.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Forwarding(query.get(), cookies.get(), headers.get()));
        });
    }

    private Optional<QuerySelection> query(Field field) {
        String expected = "expected all, none or a list of parameter names such as [page, sort], got ";
        if (NodeReader.isScalar(field.value(), Tag.STR)) {
            String text = ((ScalarNode) field.value()).getValue();
            if (text.equals("all")) {
                return Optional.of(QuerySelection.ALL);
            }
            if (text.equals("none")) {
                return Optional.of(QuerySelection.NONE);
            }
            in.problem(field.value(), field.path(), expected + NodeReader.describe(field.value()));
            return Optional.empty();
        }
        if (!(field.value() instanceof SequenceNode sequence)) {
            in.problem(field.value(), field.path(), expected + NodeReader.describe(field.value()));
            return Optional.empty();
        }
        if (sequence.getValue().isEmpty()) {
            in.problem(field.value(), field.path(), "an empty list forwards no parameter; write none");
            return Optional.empty();
        }
        return names(field, "parameter names such as [page, sort]", "forward.query", Rules::queryNameProblem, false)
                .map(QuerySelection::only);
    }

    /**
     * A list of names, each checked by {@code rule} and listed once; header names ignore case and
     * are kept in lowercase.
     */
    private Optional<List<String>> names(Field field, String what, String listName, Function<String, Optional<String>> rule,
                                         boolean ignoreCase) {
        Function<String, String> key = ignoreCase ? name -> name.toLowerCase(Locale.ROOT) : Function.identity();
        return in.texts(field.value(), field.path(), what, listName, Rules.LIST_MAX).flatMap(texts -> {
            List<Node> items = ((SequenceNode) field.value()).getValue();
            List<String> names = new ArrayList<>();
            boolean ok = true;
            for (int i = 0; i < texts.size(); i++) {
                String name = texts.get(i);
                Optional<String> problem = rule.apply(name);
                if (problem.isEmpty() && names.contains(key.apply(name))) {
                    problem = Optional.of("'" + name + "' is listed twice" + (ignoreCase ? " (header names ignore case)" : ""));
                }
                Node item = items.get(i);
                String itemPath = field.path() + "[" + i + "]";
                problem.ifPresent(p -> in.problem(item, itemPath, p));
                ok &= problem.isEmpty();
                names.add(key.apply(name));
            }
            return ok ? Optional.of(names) : Optional.empty();
        });
    }

    /** How far the fragment's HTML is trusted. */
    Optional<Trust> trust(Field field) {
        return in.text(field.value(), field.path()).flatMap(text -> {
            Optional<Trust> trust = Trust.byId(text);
            if (trust.isEmpty()) {
                List<String> ids = Arrays.stream(Trust.values()).map(Trust::id).toList();
                in.problem(field.value(), field.path(), "unknown trust level '" + text + "'" + Suggestions.didYouMean(text, ids)
                        + "; trust levels: " + String.join(", ", ids));
            }
            return trust;
        });
    }

    /** The items of a list of at most {@link Rules#LIST_MAX}; a single text is refused with a hint to write a list. */
    private Optional<List<Node>> list(Field field, String what, String name) {
        if (NodeReader.isScalar(field.value(), Tag.STR)) {
            in.problem(field.value(), field.path(), "expected a list of " + what + ", got text; write ["
                    + ((ScalarNode) field.value()).getValue() + "]");
            return Optional.empty();
        }
        return in.sequence(field.value(), field.path(), what, name, Rules.LIST_MAX);
    }

    /** The required {@code path} of a mapping entry, checked as a path on the origin. */
    private Optional<String> entryPath(Map<String, Field> fields, Node entry, String entryPath, URI origin, boolean allowQuery,
                                       String what) {
        Field field = fields.get("path");
        if (field == null) {
            in.problem(entry, entryPath + ".path", "missing: " + what);
            return Optional.empty();
        }
        return in.text(field.value(), field.path()).flatMap(text -> originPath(field.value(), field.path(), text, origin, allowQuery));
    }

    private Optional<String> originPath(Node node, String path, String text, URI origin, boolean allowQuery) {
        Rules.Result<String> result = Rules.originPath(text, origin, allowQuery);
        if (!result.isOk()) {
            in.problem(node, path, result.problem());
            return Optional.empty();
        }
        return Optional.of(result.value());
    }

    private static String withoutTrailingSlash(String path) {
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    private static Set<String> ordered(String... names) {
        return new LinkedHashSet<>(List.of(names));
    }
}
