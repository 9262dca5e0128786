/**
 * The insights team's service status widget ({@code service-status}): Northwind Chat's
 * services, each with its state as a word and an icon and its uptime over the last 30 days,
 * rendered on the server.
 *
 * <p>No manifest lists it: it is a new team's widget, started with the demo so that it can be
 * registered into the dashboard through the gateway's registration API.
 */
package io.mosaic.fragments.servicestatus;
