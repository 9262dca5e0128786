package io.mosaic.manifest;

import io.mosaic.manifest.internal.Quantities;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;

/**
 * Writes a manifest back as YAML, every fragment with its effective settings spelled out: what
 * the gateway actually runs with. Reading the result gives an equal {@link Manifest}.
 */
public final class ManifestWriter {

    private final Dump dump = new Dump(DumpSettings.builder()
            .setDefaultFlowStyle(FlowStyle.BLOCK)
            .setIndent(2)
            .setIndicatorIndent(2)
            .setIndentWithIndicator(true)
            .setWidth(120)
            .build());

    /** The manifest as YAML. */
    public String write(Manifest manifest) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("version", manifest.version());
        root.put("defaults", defaults(manifest.defaults()));
        List<Object> fragments = new ArrayList<>();
        manifest.fragments().forEach(fragment -> fragments.add(fragment(fragment)));
        root.put("fragments", fragments);
        List<Object> pages = new ArrayList<>();
        manifest.pages().forEach(page -> pages.add(page(page)));
        root.put("pages", pages);
        return dump.dumpToString(root);
    }

    /**
     * One fragment as a fragment document (its fields at the top level, every setting spelled
     * out): what {@code publish} and the registration API take, and what the console shows as a
     * fragment's effective configuration.
     */
    public String writeFragment(FragmentDefinition fragment) {
        return dump.dumpToString(fragment(fragment));
    }

    private static Map<String, Object> defaults(Defaults defaults) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("timeout", Quantities.format(defaults.timeout()));
        out.put("maxBodySize", Quantities.formatSize(defaults.maxBodySize()));
        out.put("staleFor", Quantities.format(defaults.staleFor()));
        out.put("cacheFor", Quantities.format(defaults.cacheFor()));
        out.put("circuitBreaker", breaker(defaults.circuitBreaker()));
        out.put("bulkhead", Map.of("maxConcurrent", defaults.bulkhead().maxConcurrent()));
        out.put("maxRequestBody", Quantities.formatSize(defaults.maxRequestBody()));
        return out;
    }

    private static Map<String, Object> breaker(CircuitBreakerSettings breaker) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("failureRate", breaker.failureRate());
        out.put("window", breaker.window());
        out.put("minimumCalls", breaker.minimumCalls());
        out.put("openFor", Quantities.format(breaker.openFor()));
        out.put("halfOpenCalls", breaker.halfOpenCalls());
        out.put("countClientErrors", breaker.countClientErrors());
        return out;
    }

    private static Map<String, Object> fragment(FragmentDefinition fragment) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", fragment.name());
        out.put("team", fragment.team());
        out.put("url", fragment.url().toString());
        out.put("timeout", Quantities.format(fragment.timeout()));
        fragment.fallbackHtml().ifPresent(fallback -> out.put("fallback", fallback));
        if (!fragment.assets().css().isEmpty() || !fragment.assets().js().isEmpty()) {
            Map<String, Object> assets = new LinkedHashMap<>();
            if (!fragment.assets().css().isEmpty()) {
                assets.put("css", assetEntries(fragment.assets().css(), fragment.assets()));
            }
            if (!fragment.assets().js().isEmpty()) {
                assets.put("js", assetEntries(fragment.assets().js(), fragment.assets()));
            }
            out.put("assets", assets);
        }
        if (!fragment.proxy().isEmpty()) {
            out.put("proxy", fragment.proxy().stream().map(ManifestWriter::proxyEntry).toList());
        }
        out.put("circuitBreaker", breaker(fragment.circuitBreaker()));
        out.put("bulkhead", Map.of("maxConcurrent", fragment.bulkhead().maxConcurrent()));
        out.put("maxBodySize", Quantities.formatSize(fragment.maxBodySize()));
        out.put("staleFor", Quantities.format(fragment.staleFor()));
        out.put("cacheFor", Quantities.format(fragment.cacheFor()));
        out.put("async", fragment.async());
        if (!fragment.mount().isEmpty()) {
            List<Object> mounts = new ArrayList<>();
            for (Mount mount : fragment.mount()) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("page", mount.page());
                entry.put("slot", mount.slot());
                entry.put("order", mount.order());
                mounts.add(entry);
            }
            out.put("mount", mounts);
        }
        out.put("maxRequestBody", Quantities.formatSize(fragment.maxRequestBody()));
        out.put("forward", forward(fragment.forward()));
        out.put("trust", fragment.trust().id());
        return out;
    }

    private static List<Object> assetEntries(List<String> paths, Assets assets) {
        List<Object> entries = new ArrayList<>();
        for (String path : paths) {
            String integrity = assets.integrity().get(path);
            if (integrity == null) {
                entries.add(path);
            } else {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("path", path);
                entry.put("integrity", integrity);
                entries.add(entry);
            }
        }
        return entries;
    }

    private static Object proxyEntry(ProxyPath proxy) {
        if (proxy.hasDefaultMethods()) {
            return proxy.path();
        }
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("path", proxy.path());
        entry.put("methods", proxy.methods());
        return entry;
    }

    private static Map<String, Object> forward(Forwarding forward) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (forward.query() instanceof QuerySelection.Only only) {
            out.put("query", only.names());
        } else {
            out.put("query", forward.query() instanceof QuerySelection.None ? "none" : "all");
        }
        out.put("cookies", forward.cookies());
        out.put("headers", forward.headers());
        return out;
    }

    private static Map<String, Object> page(PageDefinition page) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("path", page.path());
        if (page.title() != null) {
            out.put("title", page.title());
        }
        out.put("layout", page.layout());
        page.primaryFragment().ifPresent(primary -> out.put("primary", primary));
        Map<String, Object> slots = new LinkedHashMap<>();
        page.slots().forEach((name, slot) -> {
            if (slot instanceof SlotDefinition.Fragments fragments) {
                slots.put(name, fragments.names().size() == 1 ? fragments.names().get(0) : fragments.names());
            } else if (slot instanceof SlotDefinition.Open open) {
                Map<String, Object> openSlot = new LinkedHashMap<>();
                openSlot.put("open", true);
                openSlot.put("max", open.max());
                openSlot.put("perTeam", open.perTeam());
                slots.put(name, openSlot);
            }
        });
        out.put("slots", slots);
        return out;
    }
}
