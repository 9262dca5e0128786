package io.mosaic.fragments.nav;

/**
 * A link as the template renders it. Public, like every type a template reads: Thymeleaf's
 * expressions only call public methods of public types.
 *
 * @param current whether it names the page being composed, rendered as {@code aria-current="page"}
 */
public record NavItem(String label, String href, boolean current) {
}
