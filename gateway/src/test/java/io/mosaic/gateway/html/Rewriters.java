package io.mosaic.gateway.html;

import io.mosaic.gateway.policy.Allowance;
import io.mosaic.gateway.policy.FragmentPolicy;
import io.mosaic.gateway.policy.PathPolicy;
import io.mosaic.manifest.Forwarding;
import io.mosaic.manifest.Trust;
import java.net.URI;
import java.util.List;

/** URL rewriters for the parser's tests, from a fragment's policy as the plan compiles it. */
final class Rewriters {

    private Rewriters() {
    }

    /** The rewriter of fragment {@code proxyBase}'s last segment, fetched from {@code url}, serving {@code assets} and {@code prefixes}. */
    static UrlRewriter of(URI url, String proxyBase, List<String> assets, List<String> prefixes) {
        String name = proxyBase.substring(proxyBase.lastIndexOf('/') + 1);
        return new UrlRewriter(FragmentPolicy.of(name, url, PathPolicy.of(assets, prefixes), Forwarding.DEFAULT, Allowance.OPERATOR,
                Trust.STANDARD));
    }
}
