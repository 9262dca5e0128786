package io.mosaic.gateway.cache;

/**
 * Which requests may have an answer fetched for another, so that no answer crosses users. A
 * request's user is its {@link SentHeaders#credentials() credentials}: the forwarded cookies and
 * declared credential or identity headers. A stored answer not declared shareable
 * ({@link Reuse#shareable()}) is kept for the credentials it was fetched with ({@link #owner}) and
 * served, fresh or stale, to those only.
 */
public final class Sharing {

    private Sharing() {
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
