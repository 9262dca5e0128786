package io.mosaic.fragments.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class FragmentIdentityTests {

    @Test
    void missingVersionNamesThePropertyToSet() {
        assertThatIllegalArgumentException().isThrownBy(() -> new FragmentIdentity("members", "people", null))
            .withMessage("fragment.version must be set (demo-console.properties gives it to the demo's fragments by name), but was missing");
    }

    @Test
    void blankTeamNamesThePropertyToSet() {
        assertThatIllegalArgumentException().isThrownBy(() -> new FragmentIdentity("members", " ", "1.0.0"))
            .withMessage("fragment.team must be set (demo-console.properties gives it to the demo's fragments by name), but was blank");
    }

    @Test
    void keepsValuesWithoutSurroundingSpace() {
        assertThat(new FragmentIdentity(" members", "people ", "2.3.1")).isEqualTo(new FragmentIdentity("members", "people", "2.3.1"));
    }

}
