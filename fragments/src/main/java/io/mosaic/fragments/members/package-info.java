/**
 * The people team's member directory ({@code members}), rendered on the server.
 * {@code GET /fragment?q=TEXT} filters by name, email or department, ignoring case. The search
 * form has no {@code action}, so it submits to the page the user is on and the gateway passes
 * the query on.
 */
package io.mosaic.fragments.members;
