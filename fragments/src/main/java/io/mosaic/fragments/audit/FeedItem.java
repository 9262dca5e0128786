package io.mosaic.fragments.audit;

/**
 * An event as the feed shows it. Public, like every type a template reads: Thymeleaf's
 * expressions only call public methods of public types.
 *
 * @param datetime ISO-8601, for the {@code <time datetime>} attribute
 * @param shown for people, e.g. {@code 27 Nov, 15:55 UTC}
 */
public record FeedItem(String actor, String action, String target, String datetime, String shown) {
}
