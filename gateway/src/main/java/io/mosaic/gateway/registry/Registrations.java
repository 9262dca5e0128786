package io.mosaic.gateway.registry;

import io.mosaic.gateway.plan.CompositionPlan;
import io.mosaic.gateway.plan.PlanHolder;
import io.mosaic.gateway.reload.ManifestWatcher;
import io.mosaic.gateway.source.EffectiveManifest;
import io.mosaic.manifest.Names;
import io.mosaic.manifest.Problem;
import io.mosaic.manifest.ReadResult;
import io.mosaic.manifest.SourceText;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The rules of team self-registration, in the order a request meets them: who may, what the
 * precondition says, whether the origin is allowed, and whether the whole effective manifest
 * (the operator's file and every registered fragment, with this change) is still valid. Only a
 * change that passes all of them is stored, with its revision and its audit row, in one
 * transaction that holds the registry's write lock, so two writers on two gateways cannot both
 * take the last place of an open slot. Blocking: call it off the event loop.
 */
public final class Registrations {

    /**
     * The request's conditional headers.
     *
     * @param ifMatch {@code If-Match}, null when absent
     * @param ifNoneMatch {@code If-None-Match}, null when absent
     */
    public record Precondition(String ifMatch, String ifNoneMatch) {
        public static final Precondition NONE = new Precondition(null, null);
    }

    /**
     * What a write left.
     *
     * @param fragment the fragment as stored
     * @param created whether it did not exist before
     */
    public record Stored(StoredFragment fragment, boolean created) {
    }

    private final RegistryStore store;
    private final EffectiveManifest effective;
    private final PlanHolder plans;
    private final Function<URI, Optional<String>> originRefusal;
    private final ManifestWatcher watcher;
    private final JsonMapper json;
    private final Clock clock;

    public Registrations(RegistryStore store, EffectiveManifest effective, PlanHolder plans,
                         Function<URI, Optional<String>> originRefusal, ManifestWatcher watcher, JsonMapper json, Clock clock) {
        this.store = store;
        this.effective = effective;
        this.plans = plans;
        this.originRefusal = originRefusal;
        this.watcher = watcher;
        this.json = json;
        this.clock = clock;
    }

    public List<StoredFragment> list(String team) {
        return store.all().stream().filter(f -> team == null || f.team().equals(team)).toList();
    }

    public StoredFragment get(String name) {
        return store.find(name).orElseThrow(() -> notFound(name));
    }

    public List<Revision> revisions(String name) {
        List<Revision> revisions = store.revisions(name);
        if (revisions.isEmpty()) {
            throw notFound(name);
        }
        return revisions;
    }

    public List<AuditEntry> audit(String team, String fragment, int limit) {
        return store.audit(team, fragment, limit);
    }

    /** Creates ({@code If-None-Match: *}) or replaces ({@code If-Match}) {@code name} with {@code body}. */
    public Stored put(Caller caller, String name, JsonNode body, Precondition precondition, String requestId) {
        ObjectNode document = document(name, body);
        return write(caller, name, document, precondition, "put", requestId, false);
    }

    /** A new revision of {@code name} copying revision {@code revision}'s document. */
    public Stored restore(Caller caller, String name, long revision, Precondition precondition, String requestId) {
        Revision old = store.revision(name, revision).orElseThrow(() -> new RegistryException(404, "Not Found",
                "fragment '" + name + "' has no revision " + revision));
        if (old.document() == null) {
            throw new RegistryException(400, "Bad Request", "revision " + revision + " of '" + name
                    + "' is its removal; restore a revision that has a document");
        }
        ObjectNode document = (ObjectNode) json.readTree(old.document());
        return write(caller, name, document, precondition, "restore", requestId, true);
    }

    /**
     * Takes {@code name} off every page ({@code enabled = false}) or puts it back, keeping its
     * definition: the incident control for a registered fragment. {@code If-Match} is optional
     * here (an operator in an incident should not have to read first) but checked when given.
     * Enabling validates again, since its open slot may have filled meanwhile.
     */
    public StoredFragment setEnabled(Caller caller, String name, boolean enabled, Precondition precondition, String requestId) {
        StoredFragment result = store.inTransaction(() -> {
            store.advanceRevision();
            StoredFragment existing = store.find(name).orElseThrow(() -> notFound(name));
            if (!caller.mayChange(existing.team())) {
                throw forbidden(caller, existing.team(), name);
            }
            if (precondition.ifMatch() != null && !matches(precondition.ifMatch(), existing)) {
                throw stale(existing);
            }
            if (existing.enabled() == enabled) {
                return existing;
            }
            List<SourceText> documents = new ArrayList<>(RegistrySource.documents(enabled()));
            documents.removeIf(d -> d.name().equals(RegistrySource.documentName(name)));
            if (enabled) {
                documents.add(new SourceText(RegistrySource.documentName(name), existing.document()));
            }
            check(name, documents);
            Instant now = clock.instant();
            String action = enabled ? "enable" : "disable";
            StoredFragment next = new StoredFragment(name, existing.team(), existing.document(), store.nextRevision(name),
                    enabled, existing.createdAt(), now, caller.actor());
            if (!store.update(next, existing.revision())) {
                throw stale(existing);
            }
            store.addRevision(new Revision(name, next.revision(), next.team(), next.document(), action, now, caller.actor()));
            store.audit(new AuditEntry(0, now, caller.actor(), next.team(), action, name, existing.document(), next.document(),
                    requestId));
            return next;
        });
        applyNow();
        return result;
    }

    /** Records an operator's incident action on {@code fragment} (a forced breaker) in the audit log. */
    public void recordIncident(Caller caller, String fragment, String team, String action, String requestId) {
        store.inTransaction(() -> {
            store.audit(new AuditEntry(0, clock.instant(), caller.actor(), team, action, fragment, null, null, requestId));
            return null;
        });
    }

    /** Removes {@code name}; {@code If-Match} is required. */
    public void delete(Caller caller, String name, Precondition precondition, String requestId) {
        store.inTransaction(() -> {
            store.advanceRevision();
            StoredFragment existing = store.find(name).orElseThrow(() -> notFound(name));
            if (!caller.mayChange(existing.team())) {
                throw forbidden(caller, existing.team(), name);
            }
            if (precondition.ifMatch() == null) {
                throw new RegistryException(428, "Precondition Required",
                        "removing a fragment needs If-Match with its current ETag " + existing.etag());
            }
            if (!matches(precondition.ifMatch(), existing)) {
                throw stale(existing);
            }
            List<SourceText> documents = new ArrayList<>(RegistrySource.documents(enabled()));
            documents.removeIf(d -> d.name().equals(RegistrySource.documentName(name)));
            check(name, documents);
            Instant now = clock.instant();
            store.delete(name, existing.revision());
            store.addRevision(new Revision(name, store.nextRevision(name), existing.team(), null, "delete", now, caller.actor()));
            store.audit(new AuditEntry(0, now, caller.actor(), existing.team(), "delete", name, existing.document(), null, requestId));
            return null;
        });
        applyNow();
    }

    private Stored write(Caller caller, String name, ObjectNode document, Precondition precondition, String action,
                         String requestId, boolean preconditionOptional) {
        String team = document.path("team").isString() ? document.get("team").asString() : null;
        if (team == null) {
            throw invalid(List.of(new FieldError("team", "missing: the owning team, a lowercase slug such as people")));
        }
        if (!caller.mayChange(team)) {
            throw new RegistryException(403, "Forbidden", caller.actor() + " may only register fragments of its own team",
                    List.of(new FieldError("team", "'" + team + "' is not your team; write team: " + caller.team())));
        }
        CompositionPlan plan = plans.current();
        if (plan.fragments().containsKey(name) && !plan.isRegistered(name)) {
            throw new RegistryException(409, "Conflict", "fragment '" + name
                    + "' is defined in the operator's manifest; choose another name",
                    List.of(new FieldError("name", "'" + name + "' is already defined in the operator's manifest")));
        }
        checkOrigin(document);
        String text = json.writeValueAsString(document);
        Stored stored = store.inTransaction(() -> {
            store.advanceRevision();
            Optional<StoredFragment> existing = store.find(name);
            if (existing.isPresent() && !caller.mayChange(existing.get().team())) {
                throw forbidden(caller, existing.get().team(), name);
            }
            checkPrecondition(name, existing, precondition, preconditionOptional);
            List<SourceText> documents = new ArrayList<>();
            SourceText candidate = new SourceText(RegistrySource.documentName(name), text);
            boolean placed = false;
            for (SourceText current : RegistrySource.documents(enabled())) {
                if (current.name().equals(candidate.name())) {
                    documents.add(candidate);
                    placed = true;
                } else {
                    documents.add(current);
                }
            }
            if (!placed) {
                documents.add(candidate);
            }
            check(name, documents);
            Instant now = clock.instant();
            long revision = store.nextRevision(name);
            String actual = action.equals("restore") ? "restore" : existing.isPresent() ? "update" : "create";
            StoredFragment next = new StoredFragment(name, team, text, revision, existing.map(StoredFragment::enabled).orElse(true),
                    existing.map(StoredFragment::createdAt).orElse(now), now, caller.actor());
            if (existing.isPresent()) {
                if (!store.update(next, existing.get().revision())) {
                    throw stale(existing.get());
                }
            } else {
                store.insert(next);
            }
            store.addRevision(new Revision(name, revision, team, text, actual, now, caller.actor()));
            store.audit(new AuditEntry(0, now, caller.actor(), team, actual, name,
                    existing.map(StoredFragment::document).orElse(null), text, requestId));
            return new Stored(next, existing.isEmpty());
        });
        applyNow();
        return stored;
    }

    /**
     * Applies the committed change on this instance before answering, so that the team (and the
     * console) reads its own write; other instances pick it up at their next poll.
     */
    private void applyNow() {
        try {
            watcher.check();
        } catch (RuntimeException e) {
            // The change is stored; the next poll applies it. The writer is not told of a reload problem it did not cause.
            org.slf4j.LoggerFactory.getLogger(Registrations.class).warn("applying a registry change failed; the next poll retries", e);
        }
    }

    private List<StoredFragment> enabled() {
        return store.all().stream().filter(StoredFragment::enabled).toList();
    }

    private ObjectNode document(String name, JsonNode body) {
        Names.slugProblem(name, "name").ifPresent(problem -> {
            throw new RegistryException(400, "Bad Request", "the fragment name in the path is not valid",
                    List.of(new FieldError("name", problem)));
        });
        if (body == null || !body.isObject()) {
            throw invalid(List.of(new FieldError("", "the body must be a JSON object holding the fragment's fields")));
        }
        ObjectNode document = (ObjectNode) body.deepCopy();
        JsonNode given = document.get("name");
        if (given == null || given.isNull()) {
            ObjectNode named = json.createObjectNode();
            named.put("name", name);
            named.setAll(document);
            document = named;
        } else if (!given.isString() || !given.asString().equals(name)) {
            throw invalid(List.of(new FieldError("name", "the body names '" + given.asString()
                    + "' but the path names '" + name + "'; they must be the same")));
        }
        return document;
    }

    private void checkOrigin(ObjectNode document) {
        JsonNode url = document.get("url");
        if (url == null || !url.isString()) {
            return; // the validator names the missing or mistyped field
        }
        URI uri;
        try {
            uri = new URI(url.asString());
        } catch (URISyntaxException e) {
            return;
        }
        if (uri.getHost() == null || uri.getScheme() == null
                || !(uri.getScheme().equalsIgnoreCase("http") || uri.getScheme().equalsIgnoreCase("https"))) {
            return; // the validator names what is wrong with a URL that is not http(s)
        }
        originRefusal.apply(uri).ifPresent(refusal -> {
            throw invalid(List.of(new FieldError("url", refusal)));
        });
    }

    private static void checkPrecondition(String name, Optional<StoredFragment> existing, Precondition precondition,
                                          boolean optional) {
        String ifMatch = precondition.ifMatch();
        String ifNoneMatch = precondition.ifNoneMatch();
        if (existing.isPresent()) {
            if ("*".equals(ifNoneMatch)) {
                throw new RegistryException(412, "Precondition Failed", "fragment '" + name
                        + "' already exists (If-None-Match: *); to replace it send If-Match: " + existing.get().etag());
            }
            if (ifMatch == null) {
                if (optional) {
                    return;
                }
                throw new RegistryException(428, "Precondition Required", "fragment '" + name
                        + "' exists: replacing it needs If-Match with its current ETag " + existing.get().etag());
            }
            if (!matches(ifMatch, existing.get())) {
                throw stale(existing.get());
            }
        } else if (ifMatch != null) {
            throw new RegistryException(412, "Precondition Failed", "fragment '" + name
                    + "' does not exist, so If-Match cannot match; to create it send If-None-Match: *");
        } else if (!"*".equals(ifNoneMatch) && !optional) {
            throw new RegistryException(428, "Precondition Required", "creating fragment '" + name
                    + "' needs If-None-Match: * (so that an existing fragment is never overwritten by accident)");
        }
    }

    private static boolean matches(String ifMatch, StoredFragment current) {
        for (String tag : ifMatch.split(",")) {
            String t = tag.trim();
            if (t.equals("*") || t.equals(current.etag())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Validates the operator's manifest with exactly {@code documents} registered. Problems in
     * {@code name}'s own document are its field errors (400). Problems elsewhere that this change
     * causes (a page of the operator's manifest naming a removed fragment) are a conflict (409);
     * problems that were there before it are not this request's to answer for.
     */
    private void check(String name, List<SourceText> documents) {
        ReadResult result = effective.readWith(documents);
        if (result.valid()) {
            return;
        }
        String own = RegistrySource.documentName(name);
        List<FieldError> fields = result.problems().stream().filter(p -> p.file().equals(own))
                .map(p -> new FieldError(p.path(), p.message())).toList();
        if (!fields.isEmpty()) {
            throw invalid(fields);
        }
        Set<String> before = effective.readWith(RegistrySource.documents(enabled())).problems().stream()
                .map(Problem::toString).collect(Collectors.toSet());
        List<FieldError> caused = result.problems().stream().filter(p -> !before.contains(p.toString()))
                .map(p -> new FieldError("", p.toString())).toList();
        if (!caused.isEmpty()) {
            throw new RegistryException(409, "Conflict", "this change would make the effective manifest invalid", caused);
        }
    }

    private static RegistryException invalid(List<FieldError> errors) {
        return new RegistryException(400, "Bad Request", "the fragment is not valid: " + errors.size()
                + (errors.size() == 1 ? " problem" : " problems"), errors);
    }

    private static RegistryException notFound(String name) {
        return new RegistryException(404, "Not Found", "no registered fragment '" + name + "'");
    }

    private static RegistryException stale(StoredFragment current) {
        return new RegistryException(412, "Precondition Failed", "fragment '" + current.name()
                + "' changed since you read it: it is now at ETag " + current.etag() + "; read it again and retry");
    }

    private static RegistryException forbidden(Caller caller, String owner, String name) {
        return new RegistryException(403, "Forbidden", "fragment '" + name + "' belongs to team " + owner + "; "
                + caller.actor() + " may only change its own team's fragments");
    }
}
