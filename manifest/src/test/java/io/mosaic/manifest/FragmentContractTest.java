package io.mosaic.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class FragmentContractTest {

    @Test
    void theLowercaseNamesAreTheSameHeaders() {
        assertThat(FragmentContract.Lowercase.PAGE_PATH_HEADER).isEqualTo(FragmentContract.PAGE_PATH_HEADER.toLowerCase(Locale.ROOT));
        assertThat(FragmentContract.Lowercase.BASE_PATH_HEADER).isEqualTo(FragmentContract.BASE_PATH_HEADER.toLowerCase(Locale.ROOT));
        assertThat(FragmentContract.Lowercase.VERSION_HEADER).isEqualTo(FragmentContract.VERSION_HEADER.toLowerCase(Locale.ROOT));
    }
}
