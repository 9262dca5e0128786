package io.mosaic.e2e.bench;

import java.net.URI;
import java.util.List;

/** A process that composes the benchmark's pages: the gateway, nginx with SSI or Varnish with ESI. */
interface Composer {

    /** Its name in the results, such as {@code gateway}. */
    String name();

    /** The URL of page {@code path} on it. */
    URI url(String path);

    /** The processes whose CPU time is its cost of composing (not the origins'). */
    List<Long> pids();

    /** Fragment fetches that failed so far, by its own account (metrics or error log). */
    long failedFragments();

    /** What to show when it misbehaves: its log's tail. */
    String diagnosis();
}
