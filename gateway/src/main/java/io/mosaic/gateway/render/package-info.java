/**
 * The gateway's own markup and the per-response values in it: box wrappers, the async mover,
 * the Content-Security-Policy and its nonce. Markup is rendered once (per plan or per parse) with
 * a {@link io.mosaic.gateway.render.Spliced#MARKER marker} where the nonce goes, and each response
 * only splices its nonce in.
 */
package io.mosaic.gateway.render;
