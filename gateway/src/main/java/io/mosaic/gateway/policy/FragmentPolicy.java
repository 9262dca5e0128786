package io.mosaic.gateway.policy;

import io.mosaic.manifest.Forwarding;
import io.mosaic.manifest.FragmentDefinition;
import io.mosaic.manifest.GatewayPaths;
import io.mosaic.manifest.Origin;
import io.mosaic.manifest.Trust;
import java.net.URI;

/**
 * Everything the gateway decides about what one fragment may reach and what may reach it,
 * compiled once from its definition into its plan, the way Spring Cloud Gateway compiles a
 * {@code RouteDefinition} into a {@code Route}: which of its origin's paths are served
 * ({@link PathPolicy}), which headers and cookies cross in each direction ({@link HeaderPolicy}),
 * its one canonical origin, and how far its HTML is trusted. The page's URL rewriter, the proxy's
 * route and filters, the page fetch and the answer's checks all ask this one object, so no two
 * of them can disagree.
 *
 * @param name the fragment's name
 * @param proxyBase the gateway path its proxy lives at, {@code /fragments/NAME}
 * @param url the URL its HTML is fetched from; relative URLs in its answers resolve against it
 * @param originBase its origin as a URI ({@code scheme://authority}, as written), the proxy's target
 * @param origin its origin in the one canonical spelling ({@link Origin})
 * @param paths what of its origin the proxy serves
 * @param headers what crosses between browsers, the gateway and its origin
 * @param trust how far its HTML is trusted: what it declares, at most what the operator grants its team
 */
public record FragmentPolicy(String name, String proxyBase, URI url, URI originBase, String origin, PathPolicy paths,
                             HeaderPolicy headers, Trust trust) {

    /**
     * Compiles the policy of {@code fragment}, trusted as {@code trust}; {@code reach} says which
     * declared credentials it may receive (all of them for the operator's own manifest file, what
     * the operator granted its team for a registered one).
     */
    public static FragmentPolicy compile(FragmentDefinition fragment, Allowance reach, Trust trust) {
        return of(fragment.name(), fragment.url(), PathPolicy.of(fragment), fragment.forward(), reach, trust);
    }

    /** The policy of fragment {@code name} fetched from {@code url}, whose proxy serves {@code paths}, declaring {@code forward}. */
    public static FragmentPolicy of(String name, URI url, PathPolicy paths, Forwarding forward, Allowance reach, Trust trust) {
        String base = GatewayPaths.proxyBase(name);
        URI originBase = URI.create(url.getScheme() + "://" + url.getRawAuthority());
        return new FragmentPolicy(name, base, url, originBase, Origin.of(url), paths,
                HeaderPolicy.compile(forward, base, url, paths, reach), trust);
    }

    /** Whether {@code uri}, an absolute URL, is on this fragment's origin (scheme, host and port, in any spelling). */
    public boolean isOwnOrigin(URI uri) {
        return Origin.sameOrigin(uri, origin);
    }
}
