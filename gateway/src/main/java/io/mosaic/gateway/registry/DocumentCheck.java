package io.mosaic.gateway.registry;

import io.mosaic.gateway.policy.TeamGrants;
import io.mosaic.gateway.registry.RegistryException.Refusal;
import io.mosaic.gateway.source.EffectiveManifest;
import io.mosaic.manifest.FragmentDefinition;
import io.mosaic.manifest.Problem;
import io.mosaic.manifest.Reach;
import io.mosaic.manifest.ReadResult;
import io.mosaic.manifest.SourceText;
import io.mosaic.manifest.Trust;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Whether a registry change may be stored: the whole effective manifest (the operator's file and
 * every registered fragment, with the change) must stay valid by the manifest's own validator;
 * a registered origin must pass the origin policy; and a registered fragment may claim no more
 * than the operator grants its team: its {@code trust} at most the team's {@code max-trust}, and
 * no credential, client-address header or gateway cookie in {@code forward} that the operator did
 * not grant ({@code may-receive}, the manifest's {@link Reach} list). Trust is granted, never claimed.
 */
public final class DocumentCheck {

    private final EffectiveManifest effective;
    private final Function<URI, Optional<String>> originRefusal;
    private final TeamGrants grants;

    public DocumentCheck(EffectiveManifest effective, Function<URI, Optional<String>> originRefusal, TeamGrants grants) {
        this.effective = effective;
        this.originRefusal = originRefusal;
        this.grants = grants;
    }

    /** Refuses a document whose {@code url} the origin policy refuses, naming the field. */
    void origin(ObjectNode document) {
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

    /**
     * Validates the operator's manifest with exactly {@code documents} registered (which hold
     * {@code name}'s, unless the change removes it), then {@code name}'s claims against its team's
     * grants. Problems in {@code name}'s own document are its field errors (400). Problems
     * elsewhere that this change causes (a page of the operator's manifest naming a removed
     * fragment) are a conflict (409); problems that were there before are not this request's.
     */
    void check(String name, List<SourceText> documents, List<SourceText> before) {
        ReadResult result = effective.readWith(documents);
        String own = RegistrySource.documentName(name);
        if (!result.valid()) {
            List<FieldError> fields = result.problems().stream().filter(p -> p.file().equals(own))
                    .map(p -> new FieldError(p.path(), p.message())).toList();
            if (!fields.isEmpty()) {
                throw invalid(fields);
            }
            Set<String> existing = effective.readWith(before).problems().stream().map(Problem::toString).collect(Collectors.toSet());
            List<FieldError> caused = result.problems().stream().filter(p -> !existing.contains(p.toString()))
                    .map(p -> new FieldError("", p.toString())).toList();
            if (!caused.isEmpty()) {
                throw new RegistryException(Refusal.CONFLICT, "this change would make the effective manifest invalid", caused);
            }
        }
        if (documents.stream().anyMatch(d -> d.name().equals(own))) {
            result.manifest().flatMap(manifest -> manifest.fragment(name)).ifPresent(this::claims);
        }
    }

    /** Refuses what {@code fragment} claims beyond its team's grants. */
    private void claims(FragmentDefinition fragment) {
        String team = fragment.team();
        List<FieldError> errors = new ArrayList<>();
        Trust max = grants.maxTrust(team);
        if (TeamGrants.atMost(fragment.trust(), max) != fragment.trust()) {
            errors.add(new FieldError("trust", "trust '" + fragment.trust().id() + "' is more than the operator grants team " + team
                    + ": at most '" + max.id() + "'; trust above standard is the operator's to grant, with mosaic.registry.teams."
                    + team + ".max-trust"));
        }
        Set<String> granted = grants.mayReceive(team).stream().map(n -> n.toLowerCase(java.util.Locale.ROOT))
                .collect(Collectors.toSet());
        Reach.registeredProblems(fragment.forward(), team, granted, grants.sessionCookie())
                .forEach((field, problem) -> errors.add(new FieldError(field, problem)));
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
    }

    static RegistryException invalid(List<FieldError> errors) {
        return new RegistryException(Refusal.INVALID, "the fragment is not valid: " + errors.size()
                + (errors.size() == 1 ? " problem" : " problems"), errors);
    }
}
