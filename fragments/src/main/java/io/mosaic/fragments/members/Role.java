package io.mosaic.fragments.members;

/** A member's role in the workspace, from most to least powerful. */
public enum Role {

    OWNER("Owner"), ADMIN("Admin"), MEMBER("Member"), GUEST("Guest");

    private final String label;

    Role(String label) {
        this.label = label;
    }

    public String label() {
        return this.label;
    }

}
