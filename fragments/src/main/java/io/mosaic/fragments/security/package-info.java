/**
 * The security team's settings summary ({@code security}): two-factor enforcement,
 * single sign-on, session length and allowed email domains, read-only and rendered on the server.
 */
package io.mosaic.fragments.security;
