package io.mosaic.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The name rule as the gateway's registration API and token check call it. */
class NamesTest {

    @Test
    void aLowercaseSlugPasses() {
        assertThat(Names.slugProblem("people", "team")).isEmpty();
        assertThat(Names.slugProblem("a-b2", "name")).isEmpty();
    }

    @Test
    void theReasonNamesTheFieldAndTheValue() {
        assertThat(Names.slugProblem("People", "team")).contains("team 'People' must be lowercase; did you mean 'people'?");
        assertThat(Names.slugProblem("pеople", "team")).contains("team 'pеople' contains U+0435 (CYRILLIC SMALL LETTER IE), "
                + "which looks like 'e' but is not ASCII; use lowercase ASCII letters, digits and '-'");
        assertThat(Names.slugProblem("a--b", "name")).contains("name 'a--b' must not end with '-' or contain '--'");
        assertThat(Names.slugProblem("", "name")).contains("name must not be empty");
    }
}
