package io.mosaic.gateway.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import io.mosaic.manifest.QuerySelection;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Fragment URLs are built from any page query without failing, and never let the page override the fragment's own query. */
class FragmentQueryTest {

    static final URI URL = URI.create("http://members.internal:8080/fragment");

    @Test
    void charactersAQueryMayNotHoldArePercentEncodedInsteadOfFailing() {
        assertThat(FragmentQuery.withQuery(URL, "ids[]=1&q=a|b{c}^`d\"", QuerySelection.ALL))
                .hasToString("http://members.internal:8080/fragment?ids%5B%5D=1&q=a%7Cb%7Bc%7D%5E%60d%22");
        assertThat(FragmentQuery.withQuery(URL, "q=café", QuerySelection.ALL))
                .hasToString("http://members.internal:8080/fragment?q=caf%C3%A9");
        assertThat(FragmentQuery.withQuery(URL, "q=100%&r=%zz&s=%41", QuerySelection.ALL))
                .hasToString("http://members.internal:8080/fragment?q=100%25&r=%25zz&s=%41");
    }

    @Test
    void aFragmentsOwnQueryParametersAreNeverOverriddenByThePage() {
        URI fixed = URI.create("http://members.internal/fragment?view=compact&lang=en");
        assertThat(FragmentQuery.withQuery(fixed, "view=full&page=2&lang=de&la%6Eg=fr", QuerySelection.ALL))
                .hasToString("http://members.internal/fragment?view=compact&lang=en&page=2");
        assertThat(FragmentQuery.withQuery(fixed, "view=full", QuerySelection.ALL)).isEqualTo(fixed);
    }

    @Test
    void onlyTheSelectedParametersReachTheFragment() {
        assertThat(FragmentQuery.withQuery(URL, "page=2&sort=name&secret=x", QuerySelection.NONE)).isEqualTo(URL);
        assertThat(FragmentQuery.withQuery(URL, "page=2&sort=name&secret=x&ids%5B%5D=3", QuerySelection.only(List.of("page", "ids[]"))))
                .hasToString("http://members.internal:8080/fragment?page=2&ids%5B%5D=3");
        assertThat(FragmentQuery.withQuery(URL, "secret=x", QuerySelection.only(List.of("page")))).isEqualTo(URL);
    }
}
