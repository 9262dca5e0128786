/**
 * The contract every fragment app keeps with the gateway, kept the same way by all of them: its
 * name, owning team and version, on every response ({@code X-Fragment-Version}) and at
 * {@code GET /health}, and the request headers the gateway sends. The header names are the
 * gateway's own: {@link io.mosaic.manifest.FragmentContract}, from the manifest module.
 *
 * <p>This is the one package the apps share. It is not component-scanned; each app imports
 * {@link io.mosaic.fragments.contract.FragmentContractConfiguration}; its {@code fragment.name}
 * picks its team, version and port from the demo's table, {@code demo-console.properties}.
 */
package io.mosaic.fragments.contract;
