/**
 * The contract every fragment app keeps with the gateway, kept the same way by all of them: its
 * name, owning team and version, on every response ({@code X-Fragment-Version}) and at
 * {@code GET /health}, and the request headers the gateway sends ({@link
 * io.mosaic.fragments.contract.GatewayHeaders}).
 *
 * <p>This is the one package the apps share. It is not component-scanned; each app imports
 * {@link io.mosaic.fragments.contract.FragmentContractConfiguration} and sets
 * {@code fragment.name}, {@code fragment.team} and {@code fragment.version} in its own
 * {@code NAME.properties}.
 */
package io.mosaic.fragments.contract;
