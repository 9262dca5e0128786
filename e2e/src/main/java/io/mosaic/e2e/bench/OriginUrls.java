package io.mosaic.e2e.bench;

import java.net.URI;
import java.util.List;

/**
 * Where the static origins answer each fragment file; fragment N is always on origin N.
 *
 * @param small fragments 1 to {@link FragmentHtml#MANY} of {@link FragmentHtml#SIZE} bytes, without Cache-Control
 * @param large fragments 1 to {@link FragmentHtml#COUNT} of {@link FragmentHtml#LARGE_SIZE} bytes, without Cache-Control
 * @param cached the first {@link FragmentHtml#COUNT} small ones again, with {@code Cache-Control: max-age}
 * @param personal fragments 1 to {@link FragmentHtml#COUNT}, each answer with the request's
 *     {@code ?v=} written into it ({@link FragmentHtml#personalised}), without Cache-Control, ETag or Last-Modified
 * @param assets fragments 1 to {@link FragmentHtml#COUNT}'s stylesheets
 */
record OriginUrls(List<URI> small, List<URI> large, List<URI> cached, List<URI> personal, List<URI> assets) {
}
