/**
 * The sample fragments of the Mosaic demo: the admin console of the Northwind Chat messenger.
 *
 * <p>One jar holds several independent apps, as if a small team had shipped each one.
 * {@link io.mosaic.fragments.FragmentLauncher} starts exactly one of them per process:
 * {@code java -jar fragments.jar NAME [--server.port=N]}. Each app
 * <ul>
 *   <li>lives in its own feature package with its own {@code @SpringBootApplication}, which scans
 *       only that package; the only shared code is {@link io.mosaic.fragments.contract}, imported
 *       explicitly;</li>
 *   <li>takes its team, version and default port from the demo's table,
 *       {@code demo-console.properties}, by its name, and reads only {@code NAME.properties} of
 *       the other configuration files (none is shipped; an operator may add one);</li>
 *   <li>serves {@code GET /fragment} (an HTML fragment whose root element carries the team's class
 *       and {@code data-version}), {@code GET /health}, static assets under {@code /assets/**}
 *       from {@code classpath:/static/NAME/} only, and, for some, a JSON API under {@code /api}.</li>
 * </ul>
 *
 * <p>Request headers the fragments read, all optional: {@code X-Page-Path} (nav: the page the
 * gateway is composing) and {@code X-Fragment-Base-Path} (org-tree, billing: the gateway's proxy
 * prefix for this fragment, written in front of the API path the browser calls).
 */
package io.mosaic.fragments;
