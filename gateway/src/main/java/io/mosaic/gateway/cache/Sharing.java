package io.mosaic.gateway.cache;

import io.mosaic.gateway.fetch.SentHeaders;
import java.util.Objects;

/**
 * Which requests may have an answer fetched for another: the rule both coalescing
 * ({@link InFlight}) and the store ({@link FragmentCache}) follow, so that no answer crosses users.
 * A request's user is its {@link SentHeaders#credentials() credentials}: the forwarded cookies and
 * declared credential or identity headers.
 * <ul>
 *   <li>Requests that send the origin the same request (bar ids and traces,
 *       {@link SentHeaders#sameRequestAs}) are one to the origin: they share one fetch and its
 *       answer whatever it says, {@code private} and {@code no-store} included.</li>
 *   <li>A request joins a fetch under its variant's key, learned from an earlier answer's
 *       {@code Vary} ({@link FragmentCache#knownKey}), only with requests of the same credentials;
 *       and takes the answer only when it {@link #serves serves} it too.</li>
 *   <li>A stored answer not declared shareable ({@link Reuse#shareable()}) is kept for the
 *       credentials it was fetched with ({@link #owner}) and served, fresh or stale, to those only.</li>
 * </ul>
 */
public final class Sharing {

    private Sharing() {
    }

    /**
     * The key of the fetch of exactly this request at {@code url}: every sent header but the ids
     * and traces (credentials included), so whoever joins it sends the origin the same request.
     */
    public static String exactKey(String url, SentHeaders sent) {
        return Variants.key(url, Variants.everything(sent), sent);
    }

    /** The key of the fetch of the variant {@code variantKey} for requests with the credentials {@code sent} has. */
    public static String variantKey(String variantKey, SentHeaders sent) {
        return owned(variantKey, sent.credentials());
    }

    /**
     * Whether the answer of a fetch made for {@code fetcher}, reused by {@code reuse}, is also the
     * answer for {@code waiter}, who joined that fetch under its variant's key. Yes when the origin
     * could not tell the two requests apart. Otherwise only when the answer may be stored at all
     * (not {@code private}, {@code no-store} or {@code Vary: *}), is for the waiter's credentials,
     * and the two send the same value of every header it varies on.
     */
    public static boolean serves(SentHeaders fetcher, Reuse reuse, SentHeaders waiter) {
        if (fetcher.sameRequestAs(waiter)) {
            return true;
        }
        if (!reuse.stored() || !mayServe(owner(reuse, fetcher), waiter.credentials())) {
            return false;
        }
        for (String name : reuse.keyNames()) {
            if (!Objects.equals(fetcher.value(name), waiter.value(name))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whose an answer fetched for {@code sent} is: null when it is anyone's (the origin said
     * {@code public} or {@code s-maxage}), else the credentials it was fetched with (empty for a
     * request without any: it is then for every such request, and for no signed-in user).
     */
    static String owner(Reuse reuse, SentHeaders sent) {
        return reuse.shareable() ? null : sent.credentials();
    }

    /** Whether an answer whose {@link #owner} is {@code owner} may be given to a request with {@code credentials}. */
    static boolean mayServe(String owner, String credentials) {
        return owner == null || owner.equals(credentials);
    }

    /**
     * {@code key} for answers of {@code credentials}: the key itself when there are none, so that
     * anonymous requests find answers anyone may have under the same key as their own.
     */
    static String owned(String key, String credentials) {
        return credentials.isEmpty() ? key : key + "\n\u0000" + credentials;
    }
}
