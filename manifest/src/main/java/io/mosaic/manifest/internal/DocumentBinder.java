package io.mosaic.manifest.internal;

import io.mosaic.manifest.FragmentDefinition;
import io.mosaic.manifest.Manifest;
import io.mosaic.manifest.Names;
import io.mosaic.manifest.SlotDefinition;
import io.mosaic.manifest.Trust;
import io.mosaic.manifest.internal.Drafts.BreakerOverrides;
import io.mosaic.manifest.internal.Drafts.FragmentDraft;
import io.mosaic.manifest.internal.Drafts.MountDraft;
import io.mosaic.manifest.internal.Drafts.Overrides;
import io.mosaic.manifest.internal.Drafts.PageDraft;
import io.mosaic.manifest.internal.Drafts.Reference;
import io.mosaic.manifest.internal.Drafts.SlotDraft;
import io.mosaic.manifest.internal.NodeReader.Field;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/** Binds one file's node tree into a {@link Drafts.Part}, checking every field on its own. */
final class DocumentBinder {

    static final Set<String> TOP = ordered("version", "defaults", "fragments", "pages");
    static final Set<String> DEFAULTS = ordered("timeout", "maxBodySize", "staleFor", "cacheFor", "circuitBreaker",
            "bulkhead", "maxRequestBody");
    static final Set<String> BREAKER = ordered("failureRate", "window", "minimumCalls", "openFor", "halfOpenCalls", "countClientErrors");
    static final Set<String> BULKHEAD = ordered("maxConcurrent");
    static final Set<String> FRAGMENT = ordered("name", "team", "url", "timeout", "fallback", "assets", "proxy",
            "circuitBreaker", "bulkhead", "maxBodySize", "staleFor", "cacheFor", "async", "mount", "maxRequestBody", "forward",
            "trust");
    static final Set<String> MOUNT = ordered("page", "slot", "order");
    static final Set<String> PAGE = ordered("path", "title", "layout", "primary", "slots");
    static final Set<String> OPEN_SLOT = ordered("open", "max", "perTeam");

    private final NodeReader in;
    private final AccessBinder access;

    DocumentBinder(NodeReader in) {
        this.in = in;
        this.access = new AccessBinder(in);
    }

    Drafts.Part bind(Node root) {
        Optional<Map<String, Field>> top = in.fields(root, "", TOP);
        if (top.isEmpty()) {
            return new Drafts.Part(in.file(), null, Overrides.NONE, null, List.of(), List.of());
        }
        Map<String, Field> fields = top.get();
        Integer version = null;
        if (!fields.containsKey("version")) {
            in.problem(root, "version", "missing: write 'version: " + Manifest.CURRENT_VERSION + "' at the top");
        } else {
            Field field = fields.get("version");
            if (NodeReader.isScalar(field.value(), Tag.INT)) {
                String text = ((org.snakeyaml.engine.v2.nodes.ScalarNode) field.value()).getValue();
                if (text.equals(Integer.toString(Manifest.CURRENT_VERSION))) {
                    version = Manifest.CURRENT_VERSION;
                } else {
                    in.problem(field.value(), "version", "unsupported version " + text + "; this gateway reads version "
                            + Manifest.CURRENT_VERSION);
                }
            } else {
                in.problem(field.value(), "version", "expected the number " + Manifest.CURRENT_VERSION + ", got "
                        + NodeReader.describe(field.value()));
            }
        }
        Overrides defaults = Overrides.NONE;
        Position defaultsAt = null;
        if (fields.containsKey("defaults")) {
            Field field = fields.get("defaults");
            defaultsAt = in.at(field.key(), "defaults");
            defaults = overrides(field.value(), "defaults", DEFAULTS).orElse(Overrides.NONE);
        }
        List<FragmentDraft> fragments = new ArrayList<>();
        if (fields.containsKey("fragments")) {
            Field field = fields.get("fragments");
            in.sequence(field.value(), "fragments", "fragments").ifPresent(items -> {
                for (int i = 0; i < items.size(); i++) {
                    fragment(items.get(i), "fragments[" + i + "]").ifPresent(fragments::add);
                }
            });
        }
        List<PageDraft> pages = new ArrayList<>();
        if (fields.containsKey("pages")) {
            Field field = fields.get("pages");
            in.sequence(field.value(), "pages", "pages").ifPresent(items -> {
                for (int i = 0; i < items.size(); i++) {
                    page(items.get(i), "pages[" + i + "]").ifPresent(pages::add);
                }
            });
        }
        return new Drafts.Part(in.file(), version, defaults, defaultsAt, fragments, pages);
    }

    private Optional<Overrides> overrides(Node node, String path, Set<String> known) {
        return in.fields(node, path, known).map(fields -> overrides(fields));
    }

    private Overrides overrides(Map<String, Field> fields) {
        var timeout = optional(fields, "timeout").flatMap(f -> in.duration(f.value(), f.path(), Rules.TIMEOUT_MIN, Rules.TIMEOUT_MAX));
        var maxBody = optional(fields, "maxBodySize").flatMap(f -> in.size(f.value(), f.path(), Rules.BODY_MIN, Rules.BODY_MAX));
        var staleFor = optional(fields, "staleFor").flatMap(f -> in.duration(f.value(), f.path(), Rules.STALE_FOR_MIN, Rules.STALE_FOR_MAX));
        var cacheFor = optional(fields, "cacheFor").flatMap(f -> in.duration(f.value(), f.path(), Rules.CACHE_FOR_MIN, Rules.CACHE_FOR_MAX));
        BreakerOverrides breaker = optional(fields, "circuitBreaker").map(this::breaker).orElse(BreakerOverrides.NONE);
        Integer bulkhead = optional(fields, "bulkhead")
                .flatMap(f -> in.fields(f.value(), f.path(), BULKHEAD)
                        .flatMap(b -> optional(b, "maxConcurrent").flatMap(m -> in.integer(m.value(), m.path(), Rules.BULKHEAD_MIN, Rules.BULKHEAD_MAX))))
                .orElse(null);
        var maxRequestBody = optional(fields, "maxRequestBody")
                .flatMap(f -> in.size(f.value(), f.path(), Rules.REQUEST_BODY_MIN, Rules.REQUEST_BODY_MAX));
        return new Overrides(timeout.orElse(null), maxBody.orElse(null), staleFor.orElse(null), cacheFor.orElse(null),
                breaker, bulkhead, maxRequestBody.orElse(null));
    }

    private BreakerOverrides breaker(Field field) {
        Optional<Map<String, Field>> parsed = in.fields(field.value(), field.path(), BREAKER);
        if (parsed.isEmpty()) {
            return BreakerOverrides.NONE;
        }
        Map<String, Field> f = parsed.get();
        return new BreakerOverrides(in.at(field.key(), field.path()),
                optional(f, "failureRate").flatMap(v -> in.integer(v.value(), v.path(), Rules.FAILURE_RATE_MIN, Rules.FAILURE_RATE_MAX)).orElse(null),
                optional(f, "window").flatMap(v -> in.integer(v.value(), v.path(), Rules.WINDOW_MIN, Rules.WINDOW_MAX)).orElse(null),
                optional(f, "minimumCalls").flatMap(v -> in.integer(v.value(), v.path(), Rules.MINIMUM_CALLS_MIN, Rules.MINIMUM_CALLS_MAX)).orElse(null),
                optional(f, "openFor").flatMap(v -> in.duration(v.value(), v.path(), Rules.OPEN_FOR_MIN, Rules.OPEN_FOR_MAX)).orElse(null),
                optional(f, "halfOpenCalls").flatMap(v -> in.integer(v.value(), v.path(), Rules.HALF_OPEN_CALLS_MIN, Rules.HALF_OPEN_CALLS_MAX)).orElse(null),
                optional(f, "countClientErrors").flatMap(v -> in.bool(v.value(), v.path())).orElse(null));
    }

    private Optional<FragmentDraft> fragment(Node node, String path) {
        return fragment(node, path, Map.of());
    }

    private Optional<FragmentDraft> fragment(Node node, String path, Map<String, String> hints) {
        Optional<Map<String, Field>> parsed = in.fields(node, path, FRAGMENT, hints);
        if (parsed.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Field> f = parsed.get();
        String name = required(f, node, path, "name", "the fragment's name, a lowercase slug such as members")
                .flatMap(v -> in.text(v.value(), v.path()).map(text -> {
                    Names.slugProblem(text, "name").ifPresent(p -> in.problem(v.value(), v.path(), p));
                    return text;
                })).orElse(null);
        Position nameAt = f.containsKey("name") ? in.at(f.get("name").value(), NodeReader.join(path, "name")) : in.at(node, path);
        String team = required(f, node, path, "team", "the owning team, a lowercase slug such as people")
                .flatMap(v -> in.text(v.value(), v.path()).flatMap(text -> {
                    Optional<String> problem = Names.slugProblem(text, "team");
                    problem.ifPresent(p -> in.problem(v.value(), v.path(), p));
                    return problem.isPresent() ? Optional.empty() : Optional.of(text);
                })).orElse(null);
        URI url = required(f, node, path, "url", "the absolute http(s) URL that answers the fragment's HTML")
                .flatMap(v -> in.text(v.value(), v.path()).flatMap(text -> {
                    Optional<String> problem = Rules.urlProblem(text);
                    problem.ifPresent(p -> in.problem(v.value(), v.path(), p));
                    return problem.isPresent() ? Optional.empty() : Optional.of(URI.create(text));
                })).orElse(null);
        List<Consumer<FragmentDefinition.Builder>> sets = new ArrayList<>();
        optional(f, "fallback").flatMap(v -> {
            if (NodeReader.isNull(v.value())) {
                return Optional.empty();
            }
            return in.lenientText(v.value(), v.path()).flatMap(text -> {
                if (text.length() > Rules.FALLBACK_MAX_CHARS) {
                    in.problem(v.value(), v.path(), "is " + text.length() + " characters; at most " + Rules.FALLBACK_MAX_CHARS
                            + " are allowed (a fallback is a short message, not a page)");
                    return Optional.empty();
                }
                return Optional.of(text);
            });
        }).ifPresent(fallback -> sets.add(b -> b.fallback(fallback)));
        Optional<Trust> trust = optional(f, "trust").flatMap(access::trust);
        trust.ifPresent(level -> sets.add(b -> b.trust(level)));
        optional(f, "assets").flatMap(v -> access.assets(v, url, trust.orElse(Trust.STANDARD)))
                .ifPresent(assets -> sets.add(b -> b.assets(assets)));
        optional(f, "proxy").flatMap(v -> access.proxy(v, url)).ifPresent(proxy -> sets.add(b -> b.proxy(proxy)));
        optional(f, "async").flatMap(v -> in.bool(v.value(), v.path())).ifPresent(async -> sets.add(b -> b.async(async)));
        List<MountDraft> mounts = optional(f, "mount").map(this::mounts).orElse(List.of());
        optional(f, "forward").flatMap(access::forward).ifPresent(forward -> sets.add(b -> b.forward(forward)));
        return Optional.of(new FragmentDraft(in.at(node, path), nameAt, name, team, url, overrides(f), mounts, List.copyOf(sets)));
    }

    /**
     * A fragment document: one fragment's fields at the top level, as a team publishes it. The
     * manifest's own top-level fields get a hint instead of a bare "unknown field".
     */
    Drafts.Part bindFragment(Node root) {
        Map<String, String> hints = new HashMap<>();
        for (String manifestField : TOP) {
            hints.put(manifestField, "'" + manifestField + "' belongs in a manifest file; a fragment document holds one "
                    + "fragment's fields (name, team, url...) at the top level");
        }
        List<FragmentDraft> fragments = new ArrayList<>();
        fragment(root, "", hints).ifPresent(fragments::add);
        return new Drafts.Part(in.file(), null, Overrides.NONE, null, fragments, List.of());
    }

    private List<MountDraft> mounts(Field field) {
        String example = "mounts such as [{page: /admin, slot: widgets, order: 10}]";
        if (field.value() instanceof MappingNode) {
            in.problem(field.value(), field.path(), "expected a list of " + example + ", got a mapping; put it in a list");
            return List.of();
        }
        List<MountDraft> mounts = new ArrayList<>();
        in.sequence(field.value(), field.path(), example, "mount", Rules.LIST_MAX).ifPresent(items -> {
            for (int i = 0; i < items.size(); i++) {
                mount(items.get(i), field.path() + "[" + i + "]").ifPresent(mounts::add);
            }
        });
        return mounts;
    }

    private Optional<MountDraft> mount(Node node, String path) {
        Optional<Map<String, Field>> parsed = in.fields(node, path, MOUNT);
        if (parsed.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Field> f = parsed.get();
        Position pageAt = f.containsKey("page") ? in.at(f.get("page").value(), path + ".page") : in.at(node, path + ".page");
        String page = required(f, node, path, "page", "the path of the page to appear on, such as /admin")
                .flatMap(v -> in.text(v.value(), v.path()).flatMap(text -> {
                    Optional<String> problem = Rules.pagePathProblem(text);
                    problem.ifPresent(p -> in.problem(v.value(), v.path(), p));
                    return problem.isPresent() ? Optional.empty() : Optional.of(text);
                })).orElse(null);
        Position slotAt = f.containsKey("slot") ? in.at(f.get("slot").value(), path + ".slot") : in.at(node, path + ".slot");
        String slot = required(f, node, path, "slot", "the name of an open slot of that page, such as widgets")
                .flatMap(v -> in.text(v.value(), v.path()).flatMap(text -> {
                    if (text.isBlank()) {
                        in.problem(v.value(), v.path(), "must not be empty: the name of an open slot of that page, such as widgets");
                        return Optional.empty();
                    }
                    return Optional.of(text);
                })).orElse(null);
        int order = optional(f, "order")
                .flatMap(v -> in.integer(v.value(), v.path(), Rules.MOUNT_ORDER_MIN, Rules.MOUNT_ORDER_MAX))
                .orElse(0);
        return Optional.of(new MountDraft(in.at(node, path), page, pageAt, slot, slotAt, order));
    }

    private Optional<PageDraft> page(Node node, String path) {
        Optional<Map<String, Field>> parsed = in.fields(node, path, PAGE);
        if (parsed.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Field> f = parsed.get();
        Position pathAt = f.containsKey("path") ? in.at(f.get("path").value(), path + ".path") : in.at(node, path);
        String pagePath = required(f, node, path, "path", "the page's path on the gateway, such as /admin/members")
                .flatMap(v -> in.text(v.value(), v.path()).flatMap(text -> {
                    Optional<String> problem = Rules.pagePathProblem(text);
                    problem.ifPresent(p -> in.problem(v.value(), v.path(), p));
                    return problem.isPresent() ? Optional.empty() : Optional.of(text);
                })).orElse(null);
        String title = optional(f, "title").flatMap(v -> in.lenientText(v.value(), v.path()).flatMap(text -> {
            if (text.length() > Rules.TITLE_MAX_CHARS) {
                in.problem(v.value(), v.path(), "is " + text.length() + " characters; at most " + Rules.TITLE_MAX_CHARS + " are allowed");
                return Optional.empty();
            }
            return Optional.of(text);
        })).orElse(null);
        Position layoutAt = f.containsKey("layout") ? in.at(f.get("layout").value(), path + ".layout") : in.at(node, path);
        String layout = required(f, node, path, "layout", "a layout name such as admin or dashboard")
                .flatMap(v -> in.text(v.value(), v.path())).orElse(null);
        Reference primary = optional(f, "primary")
                .flatMap(v -> in.text(v.value(), v.path()).map(text -> new Reference(text, in.at(v.value(), v.path()))))
                .orElse(null);
        List<SlotDraft> slots = required(f, node, path, "slots", "a mapping of slot names to fragments")
                .flatMap(v -> slots(v)).orElse(List.of());
        return Optional.of(new PageDraft(in.at(node, path), pagePath, pathAt, title, layout, layoutAt, primary, slots));
    }

    private Optional<List<SlotDraft>> slots(Field field) {
        if (!(field.value() instanceof MappingNode)) {
            in.problem(field.value(), field.path(), "expected a mapping of slot names to fragments, got " + NodeReader.describe(field.value()));
            return Optional.empty();
        }
        List<SlotDraft> slots = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (var tuple : ((MappingNode) field.value()).getValue()) {
            Node key = tuple.getKeyNode();
            if (!NodeReader.isScalar(key, Tag.STR)) {
                in.problem(key, field.path(), "slot names must be text, got " + NodeReader.describe(key));
                continue;
            }
            String name = ((org.snakeyaml.engine.v2.nodes.ScalarNode) key).getValue();
            String path = field.path() + "." + name;
            if (!seen.add(name)) {
                in.problem(key, path, "duplicate key '" + name + "': slot is listed twice");
                continue;
            }
            slot(name, key, tuple.getValueNode(), path).ifPresent(slots::add);
        }
        if (slots.isEmpty() && seen.isEmpty()) {
            in.problem(field.value(), field.path(), "a page needs at least one slot");
        }
        return Optional.of(slots);
    }

    private Optional<SlotDraft> slot(String name, Node key, Node value, String path) {
        Position at = in.at(key, path);
        if (NodeReader.isScalar(value, Tag.STR)) {
            String fragment = ((org.snakeyaml.engine.v2.nodes.ScalarNode) value).getValue();
            return Optional.of(new SlotDraft(name, at, new SlotDefinition.Fragments(List.of(fragment)),
                    List.of(new Reference(fragment, in.at(value, path)))));
        }
        if (value instanceof SequenceNode sequence) {
            if (sequence.getValue().isEmpty()) {
                in.problem(value, path, "an empty list fills nothing; name at least one fragment or remove the slot");
                return Optional.empty();
            }
            List<Reference> references = new ArrayList<>();
            for (int i = 0; i < sequence.getValue().size(); i++) {
                Node item = sequence.getValue().get(i);
                String itemPath = path + "[" + i + "]";
                in.text(item, itemPath).ifPresent(text -> references.add(new Reference(text, in.at(item, itemPath))));
            }
            if (references.size() != sequence.getValue().size()) {
                return Optional.empty();
            }
            return Optional.of(new SlotDraft(name, at, new SlotDefinition.Fragments(references.stream().map(Reference::name).toList()),
                    references));
        }
        if (value instanceof MappingNode) {
            Optional<Map<String, Field>> parsed = in.fields(value, path, OPEN_SLOT);
            if (parsed.isEmpty()) {
                return Optional.empty();
            }
            Map<String, Field> f = parsed.get();
            Optional<Boolean> open = Optional.ofNullable(f.get("open")).flatMap(v -> in.bool(v.value(), v.path()));
            if (!f.containsKey("open")) {
                in.problem(value, path, "an open slot is written {open: true}; to fill the slot with fragments, name them instead");
                return Optional.empty();
            }
            if (open.isPresent() && !open.get()) {
                in.problem(f.get("open").value(), path + ".open", "'open: false' fills nothing; name fragments instead, or write open: true");
                return Optional.empty();
            }
            // A bad max or perTeam is recorded; the slot still stands with the default, so mounts into it are checked too.
            int max = optional(f, "max").flatMap(v -> in.integer(v.value(), v.path(), Rules.OPEN_SLOT_MIN, Rules.OPEN_SLOT_MAX))
                    .orElse(SlotDefinition.Open.DEFAULT_MAX);
            int perTeam = optional(f, "perTeam")
                    .flatMap(v -> in.integer(v.value(), v.path(), Rules.PER_TEAM_MIN, Rules.OPEN_SLOT_MAX).filter(share -> {
                        if (share > max) {
                            in.problem(v.value(), v.path(), "perTeam (" + share + ") must not exceed max (" + max
                                    + "): one team's share is part of the slot's places");
                            return false;
                        }
                        return true;
                    }))
                    .orElse(SlotDefinition.Open.defaultPerTeam(max));
            return open.map(o -> new SlotDraft(name, at, new SlotDefinition.Open(max, perTeam), List.of()));
        }
        in.problem(value, path, "expected a fragment name, a list of fragment names or {open: true}, got " + NodeReader.describe(value));
        return Optional.empty();
    }

    private Optional<Field> required(Map<String, Field> fields, Node owner, String path, String name, String what) {
        Field field = fields.get(name);
        if (field == null) {
            in.problem(owner, NodeReader.join(path, name), "missing: " + what);
            return Optional.empty();
        }
        if (NodeReader.isNull(field.value())) {
            in.problem(field.value(), field.path(), "must not be empty: " + what);
            return Optional.empty();
        }
        return Optional.of(field);
    }

    private static Optional<Field> optional(Map<String, Field> fields, String name) {
        return Optional.ofNullable(fields.get(name));
    }

    private static Set<String> ordered(String... names) {
        return new LinkedHashSet<>(List.of(names));
    }
}
