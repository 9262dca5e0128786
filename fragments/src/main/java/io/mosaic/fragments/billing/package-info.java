/**
 * The billing team's summary ({@code billing}), rendered in the browser: the fragment
 * is a shell whose {@code data-api} points at {@code GET /api/summary} (behind the gateway's
 * {@code X-Fragment-Base-Path}), and {@code /assets/billing.js} fills it in.
 */
package io.mosaic.fragments.billing;
