/**
 * The platform team's top navigation bar ({@code nav}). Its links are root-relative
 * page paths on the gateway, meant to be left as they are; the link for the page named in
 * {@code X-Page-Path} carries {@code aria-current="page"}.
 */
package io.mosaic.fragments.nav;
