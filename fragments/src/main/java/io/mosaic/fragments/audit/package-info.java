/**
 * The security team's audit feed ({@code audit}): the most recent administrator
 * actions, newest first, rendered on the server for a page's aside.
 */
package io.mosaic.fragments.audit;
