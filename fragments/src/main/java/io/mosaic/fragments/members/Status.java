package io.mosaic.fragments.members;

/** Whether a member can still sign in. */
public enum Status {

    ACTIVE("active"), DEACTIVATED("deactivated");

    private final String label;

    Status(String label) {
        this.label = label;
    }

    public String label() {
        return this.label;
    }

}
