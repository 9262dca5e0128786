package io.mosaic.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mosaic.manifest.internal.Rules;
import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The one spelling of an origin and the one same-origin rule, which the validator, the URL
 * rewriter and the proxy's {@code Location} check share: two spellings of one origin must compare
 * equal, and nothing else may.
 */
class OriginTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            HTTP://Members.Internal/x             | http://members.internal:80
            https://members.internal/             | https://members.internal:443
            http://members.internal.:8080/        | http://members.internal:8080
            http://0x7f.1:9101/fragment           | http://127.0.0.1:9101
            http://2130706433/                    | http://127.0.0.1:80
            http://0177.0.0.1/                    | http://127.0.0.1:80
            http://[0:0:0:0:0:0:0:1]:9/           | http://[::1]:9
            http://[2001:DB8:0:0:1:0:0:1]/        | http://[2001:db8::1:0:0:1]:80
            http://[2001:db8:0:1:1:1:1:1]/        | http://[2001:db8:0:1:1:1:1:1]:80
            http://[fe80::1%25eth0]/              | http://[fe80::1]:80
            http://[::]/                          | http://[::]:80
            """)
    void everySpellingOfAnOriginIsWrittenOneWay(String url, String origin) {
        assertThat(Origin.of(URI.create(url))).isEqualTo(origin);
    }

    @ParameterizedTest(name = "{0} on {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            http://127.0.0.1:80/a.css        | http://127.0.0.1/fragment      | true
            http://0x7f.1:9101/a.css         | http://127.0.0.1:9101/fragment | true
            HTTPS://HOST/a.css               | https://host:443/              | true
            http://127.0.0.1:9102/a.css      | http://127.0.0.1:9101/fragment | false
            https://127.0.0.1:9101/a.css     | http://127.0.0.1:9101/fragment | false
            http://user@127.0.0.1:9101/a.css | http://127.0.0.1:9101/fragment | false
            /a.css                           | http://127.0.0.1:9101/fragment | false
            javascript:alert(1)              | http://127.0.0.1:9101/fragment | false
            """)
    void aUrlIsOnAnOriginOnlyWhenSchemeHostAndPortAreTheSame(String url, String fragmentUrl, boolean same) {
        assertThat(Origin.sameOrigin(URI.create(url), Origin.of(URI.create(fragmentUrl)))).isEqualTo(same);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            http://0x7f.1:9101/a.css         | true
            http://127.0.0.1:9101/a.css      | true
            http://user@127.0.0.1:9101/a.css | false
            http://127.0.0.1:9102/a.css      | false
            """)
    void theValidatorJudgesAnAbsoluteAssetWithTheSameRule(String asset, boolean accepted) {
        URI fragment = URI.create("http://127.0.0.1:9101/fragment");
        assertThat(Rules.originPath(asset, fragment, false).isOk()).isEqualTo(accepted);
        assertThat(Origin.sameOrigin(URI.create(asset), Origin.of(fragment))).isEqualTo(accepted);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            http://members.internal/path | must be scheme://host[:port]
            //members.internal:8443      | must be scheme://host[:port]
            ftp://members.internal       | is not an http or https URL
            """)
    void anOperatorsOriginIsSchemeHostAndPortOnly(String origin, String reason) {
        assertThatThrownBy(() -> Origin.parse(origin)).hasMessageContaining(reason).hasMessageContaining(origin);
    }
}
