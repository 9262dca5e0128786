package io.mosaic.gateway.console;

import io.mosaic.gateway.registry.FieldError;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The register and edit form: the fields a team most often sets, as the browser posts them. It
 * becomes the same fragment document the API takes, so the registry's validation (every rule of
 * the manifest) decides, and its field errors are shown next to the field they concern.
 *
 * @param name the fragment's name
 * @param team the owning team
 * @param url where its HTML is
 * @param timeout its whole fetch budget, such as 800ms; empty for the manifest's default
 * @param fallback HTML shown when it fails; empty for none
 * @param css stylesheet paths, one per line
 * @param js script paths, one per line
 * @param proxy API path prefixes, one per line
 * @param mountPage the page of its open slot; empty for none
 * @param mountSlot the open slot
 * @param mountOrder its place in the slot, lower first
 * @param revision the revision the form was read at (its ETag), empty when new
 */
public record FragmentForm(String name, String team, String url, String timeout, String fallback, String css, String js,
                           String proxy, String mountPage, String mountSlot, String mountOrder, String revision) {

    /** The form's field for an error's path in the document. */
    static final Map<String, String> FIELDS = Map.of("name", "name", "team", "team", "url", "url", "timeout", "timeout",
            "fallback", "fallback", "assets.css", "css", "assets.js", "js", "proxy", "proxy", "mount", "mountPage");

    static FragmentForm empty(String team) {
        return new FragmentForm("", team == null ? "" : team, "", "", "", "", "", "", "", "", "", "");
    }

    /** The form of a stored fragment document. */
    static FragmentForm of(JsonNode document, long revision) {
        JsonNode mount = document.path("mount").path(0);
        return new FragmentForm(text(document, "name"), text(document, "team"), text(document, "url"),
                text(document, "timeout"), text(document, "fallback"), lines(document.path("assets").path("css")),
                lines(document.path("assets").path("js")), lines(document.path("proxy")),
                mount.path("page").asString(""), mount.path("slot").asString(""),
                mount.has("order") ? mount.get("order").asString() : "", Long.toString(revision));
    }

    /** The fragment document, keeping {@code base}'s fields the form does not show (breaker settings, ...). */
    ObjectNode toDocument(JsonMapper json, JsonNode base) {
        ObjectNode document = base != null && base.isObject() ? (ObjectNode) base.deepCopy() : json.createObjectNode();
        document.put("name", trim(name));
        document.put("team", trim(team));
        document.put("url", trim(url));
        put(document, "timeout", timeout);
        put(document, "fallback", fallback);
        ObjectNode assets = json.createObjectNode();
        list(json, css).ifPresent(list -> assets.set("css", list));
        list(json, js).ifPresent(list -> assets.set("js", list));
        if (assets.isEmpty()) {
            document.remove("assets");
        } else {
            document.set("assets", assets);
        }
        list(json, proxy).ifPresentOrElse(list -> document.set("proxy", list), () -> document.remove("proxy"));
        if (trim(mountPage).isEmpty() && trim(mountSlot).isEmpty()) {
            document.remove("mount");
        } else {
            ObjectNode mount = json.createObjectNode();
            mount.put("page", trim(mountPage));
            mount.put("slot", trim(mountSlot));
            String order = trim(mountOrder);
            if (!order.isEmpty()) {
                try {
                    mount.put("order", Integer.parseInt(order));
                } catch (NumberFormatException e) {
                    mount.put("order", order); // the validator names what is wrong with it
                }
            }
            document.set("mount", json.createArrayNode().add(mount));
        }
        return document;
    }

    /** Errors by form field; those of fields the form does not show under "" (shown above the form). */
    static Map<String, List<String>> byField(List<FieldError> errors) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        for (FieldError error : errors) {
            fields.computeIfAbsent(field(error.field()), f -> new ArrayList<>()).add(error.message());
        }
        return fields;
    }

    static String field(String path) {
        if (path.startsWith("mount")) {
            return path.endsWith(".slot") ? "mountSlot" : path.endsWith(".order") ? "mountOrder" : "mountPage";
        }
        for (Map.Entry<String, String> entry : FIELDS.entrySet()) {
            if (path.equals(entry.getKey()) || path.startsWith(entry.getKey() + "[") || path.startsWith(entry.getKey() + ".")) {
                return entry.getValue();
            }
        }
        return "";
    }

    private static void put(ObjectNode document, String field, String value) {
        if (trim(value).isEmpty()) {
            document.remove(field);
        } else {
            document.put(field, value.strip());
        }
    }

    private static java.util.Optional<ArrayNode> list(JsonMapper json, String lines) {
        List<String> items = Arrays.stream(trim(lines).split("\\R")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        if (items.isEmpty()) {
            return java.util.Optional.empty();
        }
        ArrayNode array = json.createArrayNode();
        items.forEach(array::add);
        return java.util.Optional.of(array);
    }

    private static String text(JsonNode document, String field) {
        JsonNode value = document.get(field);
        return value == null || value.isNull() ? "" : value.asString();
    }

    private static String lines(JsonNode array) {
        List<String> items = new ArrayList<>();
        array.forEach(item -> items.add(item.isObject() ? item.path("path").asString("") : item.asString()));
        return String.join("\n", items);
    }

    private static String trim(String value) {
        return value == null ? "" : value.strip();
    }
}
