package io.mosaic.gateway.registry;

import io.mosaic.gateway.plan.BreakerControl;
import io.mosaic.gateway.plan.CompositionPlan;
import io.mosaic.gateway.plan.FragmentPlan;
import io.mosaic.gateway.plan.PlanHolder;
import io.mosaic.gateway.registry.Preconditions.Rule;
import io.mosaic.gateway.registry.RegistryException.Refusal;
import io.mosaic.gateway.reload.ManifestWatcher;
import io.mosaic.manifest.Names;
import io.mosaic.manifest.SourceText;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Team self-registration and the admin's incident controls. Every change to a fragment (create,
 * replace, restore, disable, enable, remove) goes through one sequence: the caller's write
 * allowance ({@link WriteLimits}), the registry's write lock, who may ({@link Caller}), the
 * precondition ({@link Preconditions}), the whole effective manifest with the change in it and the
 * team's grants ({@link DocumentCheck}), then the fragment, its revision, the revision counter and
 * the audit row in one transaction, so two writers on two gateways cannot both take the last place
 * of an open slot. An admin's controls (a held breaker, a fragment taken off the pages) are kept
 * apart from documents: no team's write lifts them. Blocking: call it off the event loop.
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
     * @param fragment the fragment as stored; null when it was removed
     * @param created whether it did not exist before
     */
    public record Stored(StoredFragment fragment, boolean created) {
    }

    /**
     * One change to one fragment, decided from what exists.
     *
     * @param document the document after the change; null when it removes the fragment
     * @param team the owning team after the change
     * @param enabled whether a team keeps it on the pages after the change
     * @param action its name in revisions and the audit log
     * @param adminDisabled the admin's "taken off the pages" control after the change; null when unchanged
     */
    private record Edit(String document, String team, boolean enabled, String action, Boolean adminDisabled) {

        /** Whether the change is validated with the document on the pages: a disabled fragment stays a valid one. */
        boolean validatedAsLive() {
            return document != null && !action.equals("disable");
        }
    }

    private final RegistryStore store;
    private final DocumentCheck check;
    private final PlanHolder plans;
    private final ManifestWatcher watcher;
    private final WriteLimits limits;
    private final JsonMapper json;
    private final Clock clock;

    public Registrations(RegistryStore store, DocumentCheck check, PlanHolder plans, ManifestWatcher watcher, WriteLimits limits,
                         JsonMapper json, Clock clock) {
        this.store = store;
        this.check = check;
        this.plans = plans;
        this.watcher = watcher;
        this.limits = limits;
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

    /** The admin's control of {@code fragment}, if it holds anything. */
    public Optional<IncidentControl> control(String fragment) {
        return store.control(fragment);
    }

    /** Creates ({@code If-None-Match: *}) or replaces ({@code If-Match}) {@code name} with {@code body}. */
    public Stored put(Caller caller, String name, JsonNode body, Precondition precondition, String requestId) {
        limits.acquire(caller);
        ObjectNode document = document(name, body);
        String team = team(caller, document, name);
        check.origin(document);
        String text = json.writeValueAsString(document);
        return change(caller, name, precondition, Rule.CREATE_OR_REPLACE, requestId, existing -> new Edit(text, team,
                existing.map(StoredFragment::enabled).orElse(true), existing.isPresent() ? "update" : "create", null));
    }

    /** A new revision of {@code name} copying revision {@code revision}'s document. */
    public Stored restore(Caller caller, String name, long revision, Precondition precondition, String requestId) {
        limits.acquire(caller);
        Revision old = store.revision(name, revision).orElseThrow(() -> new RegistryException(Refusal.NOT_FOUND,
                "fragment '" + name + "' has no revision " + revision));
        if (old.document() == null) {
            throw new RegistryException(Refusal.INVALID, "revision " + revision + " of '" + name
                    + "' is its removal; restore a revision that has a document");
        }
        ObjectNode document = (ObjectNode) json.readTree(old.document());
        String team = team(caller, document, name);
        check.origin(document);
        return change(caller, name, precondition, Rule.OPTIONAL, requestId, existing -> new Edit(old.document(), team,
                existing.map(StoredFragment::enabled).orElse(true), "restore", null));
    }

    /**
     * Takes {@code name} off every page ({@code enabled = false}) or puts it back, keeping its
     * definition. Taken off by an admin, it is an incident control: a team cannot put it back
     * (409), not by enabling it, updating it, or removing and registering it again; only an admin
     * can. Enabling validates again, since its open slot may have filled meanwhile.
     */
    public StoredFragment setEnabled(Caller caller, String name, boolean enabled, Precondition precondition, String requestId) {
        limits.acquire(caller);
        return change(caller, name, precondition, Rule.OPTIONAL, requestId, existing -> {
            StoredFragment current = existing.orElseThrow(() -> notFound(name));
            boolean heldOff = store.control(name).map(IncidentControl::disabled).orElse(false);
            if (enabled && heldOff && !caller.admin()) {
                throw new RegistryException(Refusal.CONFLICT, "fragment '" + name + "' was taken off the pages by an admin "
                        + "(an incident control); only an admin can put it back");
            }
            return new Edit(current.document(), current.team(), enabled, enabled ? "enable" : "disable",
                    caller.admin() ? !enabled : null);
        }).fragment();
    }

    /** Removes {@code name}; {@code If-Match} is required. An admin's controls on the name stay. */
    public void delete(Caller caller, String name, Precondition precondition, String requestId) {
        limits.acquire(caller);
        change(caller, name, precondition, Rule.MATCH_REQUIRED, requestId, existing -> {
            StoredFragment current = existing.orElseThrow(() -> notFound(name));
            return new Edit(null, current.team(), false, "delete", null);
        });
    }

    /**
     * The admin's incident control on a fragment's breaker (any fragment, the operator's file's
     * too): hold it open (off every page now, its fallback served, the origin not called), hold it
     * closed, or release it ({@code control} null) to count again. Kept in the registry, so every
     * gateway instance applies it at its next poll and no team's change lifts it.
     */
    public void holdBreaker(Caller caller, String name, BreakerControl control, String requestId) {
        if (!caller.admin()) {
            throw new RegistryException(Refusal.FORBIDDEN, "only an admin holds or releases a fragment's breaker");
        }
        limits.acquire(caller);
        FragmentPlan fragment = plans.current().fragments().get(name);
        if (fragment == null) {
            throw new RegistryException(Refusal.NOT_FOUND, "no fragment '" + name + "' is on the pages");
        }
        store.inTransaction(() -> {
            store.advanceRevision();
            Instant now = clock.instant();
            boolean disabled = store.control(name).map(IncidentControl::disabled).orElse(false);
            store.saveControl(new IncidentControl(name, control, disabled, now, caller.actor()));
            store.audit(new AuditEntry(0, now, caller.actor(), fragment.definition().team(),
                    control == null ? "breaker release" : "breaker " + control.id(), name, null, null, requestId));
            return null;
        });
        applyNow();
    }

    /** The one write sequence of every change to a fragment's registration. */
    private Stored change(Caller caller, String name, Precondition precondition, Rule rule, String requestId,
                          Function<Optional<StoredFragment>, Edit> decide) {
        Stored stored = store.inTransaction(() -> {
            store.advanceRevision();
            Optional<StoredFragment> existing = store.find(name);
            if (existing.isPresent() && !caller.mayChange(existing.get().team())) {
                throw forbidden(caller, existing.get().team(), name);
            }
            Edit edit = decide.apply(existing);
            Preconditions.check(name, existing, precondition, rule);
            if (isNoChange(name, existing, edit)) {
                return new Stored(existing.get(), false); // enabling what is enabled: nothing to do
            }
            Map<String, IncidentControl> controls = store.controls();
            List<StoredFragment> all = store.all();
            check.check(name, documentsAfter(all, controls, name, edit), RegistrySource.documents(RegistrySource.live(all, controls)));
            return persist(caller, name, existing, edit, requestId);
        });
        applyNow();
        return stored;
    }

    /** An enable or disable that leaves the fragment, and the admin's control of it, as they are. */
    private boolean isNoChange(String name, Optional<StoredFragment> existing, Edit edit) {
        if (existing.isEmpty() || !(edit.action().equals("enable") || edit.action().equals("disable"))
                || existing.get().enabled() != edit.enabled()) {
            return false;
        }
        return edit.adminDisabled() == null
                || edit.adminDisabled() == store.control(name).map(IncidentControl::disabled).orElse(false);
    }

    /** The registered documents on the pages after {@code edit}, in registration order; {@code name}'s where it stood. */
    private static List<SourceText> documentsAfter(List<StoredFragment> all, Map<String, IncidentControl> controls, String name,
                                                   Edit edit) {
        List<SourceText> documents = new ArrayList<>();
        SourceText changed = edit.validatedAsLive() ? new SourceText(RegistrySource.documentName(name), edit.document()) : null;
        for (StoredFragment other : RegistrySource.live(all, controls)) {
            if (!other.name().equals(name)) {
                documents.add(new SourceText(RegistrySource.documentName(other.name()), other.document()));
            } else if (changed != null) {
                documents.add(changed);
                changed = null;
            }
        }
        if (changed != null) {
            documents.add(changed);
        }
        return documents;
    }

    private Stored persist(Caller caller, String name, Optional<StoredFragment> existing, Edit edit, String requestId) {
        Instant now = clock.instant();
        long revision = store.nextRevision(name);
        String before = existing.map(StoredFragment::document).orElse(null);
        StoredFragment next = null;
        if (edit.document() == null) {
            store.delete(name, existing.orElseThrow().revision());
        } else {
            next = new StoredFragment(name, edit.team(), edit.document(), revision, edit.enabled(),
                    existing.map(StoredFragment::createdAt).orElse(now), now, caller.actor());
            if (existing.isPresent()) {
                if (!store.update(next, existing.get().revision())) {
                    throw Preconditions.stale(existing.get());
                }
            } else {
                store.insert(next);
            }
        }
        if (edit.adminDisabled() != null) {
            BreakerControl breaker = store.control(name).map(IncidentControl::breaker).orElse(null);
            store.saveControl(new IncidentControl(name, breaker, edit.adminDisabled(), now, caller.actor()));
        }
        store.addRevision(new Revision(name, revision, edit.team(), edit.document(), edit.action(), now, caller.actor()));
        store.audit(new AuditEntry(0, now, caller.actor(), edit.team(), edit.action(), name, before, edit.document(), requestId));
        return new Stored(next, existing.isEmpty());
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

    /** The owning team the document names, which the caller must be (or be the admin of); never a name of the operator's. */
    private String team(Caller caller, ObjectNode document, String name) {
        String team = document.path("team").isString() ? document.get("team").asString() : null;
        if (team == null) {
            throw DocumentCheck.invalid(List.of(new FieldError("team", "missing: the owning team, a lowercase slug such as people")));
        }
        if (!caller.mayChange(team)) {
            throw new RegistryException(Refusal.FORBIDDEN, caller.actor() + " may only register fragments of its own team",
                    List.of(new FieldError("team", "'" + team + "' is not your team; write team: " + caller.team())));
        }
        CompositionPlan plan = plans.current();
        if (plan.fragments().containsKey(name) && !plan.isRegistered(name)) {
            throw new RegistryException(Refusal.CONFLICT, "fragment '" + name + "' is defined in the operator's manifest; choose another name",
                    List.of(new FieldError("name", "'" + name + "' is already defined in the operator's manifest")));
        }
        return team;
    }

    private ObjectNode document(String name, JsonNode body) {
        Names.slugProblem(name, "name").ifPresent(problem -> {
            throw new RegistryException(Refusal.INVALID, "the fragment name in the path is not valid",
                    List.of(new FieldError("name", problem)));
        });
        if (body == null || !body.isObject()) {
            throw DocumentCheck.invalid(List.of(new FieldError("", "the body must be a JSON object holding the fragment's fields")));
        }
        ObjectNode document = (ObjectNode) body.deepCopy();
        JsonNode given = document.get("name");
        if (given == null || given.isNull()) {
            ObjectNode named = json.createObjectNode();
            named.put("name", name);
            named.setAll(document);
            document = named;
        } else if (!given.isString() || !given.asString().equals(name)) {
            throw DocumentCheck.invalid(List.of(new FieldError("name", "the body names '" + given.asString()
                    + "' but the path names '" + name + "'; they must be the same")));
        }
        return document;
    }

    private static RegistryException notFound(String name) {
        return new RegistryException(Refusal.NOT_FOUND, "no registered fragment '" + name + "'");
    }

    private static RegistryException forbidden(Caller caller, String owner, String name) {
        return new RegistryException(Refusal.FORBIDDEN, "fragment '" + name + "' belongs to team " + owner + "; "
                + caller.actor() + " may only change its own team's fragments");
    }
}
