package io.mosaic.fragments.members;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * One person in the workspace directory. Public, like every type a template reads: Thymeleaf's
 * expressions only call public methods of public types.
 */
public record Member(String name, String email, Role role, String department, Status status) {

    /** Whether the name, email or department contains {@code needle}, already lower-cased. */
    boolean matches(String needle) {
        return contains(this.name, needle) || contains(this.email, needle) || contains(this.department, needle);
    }

    /** Up to two initials for the avatar, e.g. {@code AM} for Alice Moreau. */
    public String initials() {
        return Arrays.stream(this.name.split("\\s+"))
            .filter((part) -> !part.isEmpty())
            .limit(2)
            .map((part) -> part.substring(0, 1).toUpperCase(Locale.ROOT))
            .collect(Collectors.joining());
    }

    public boolean active() {
        return this.status == Status.ACTIVE;
    }

    private static boolean contains(String value, String needle) {
        return value.toLowerCase(Locale.ROOT).contains(needle);
    }

}
