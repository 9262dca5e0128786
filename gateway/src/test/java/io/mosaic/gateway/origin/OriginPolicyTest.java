package io.mosaic.gateway.origin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mosaic.manifest.NumericHost;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The origin policy's answers, at write time and at connect time, with DNS answered by the test. */
class OriginPolicyTest {

    /** Names the test's DNS knows; a numeric spelling reaching it fails the test. */
    static final HostResolver DNS = host -> {
        if (NumericHost.looksNumeric(host)) {
            throw new AssertionError("numeric host '" + host + "' was sent to DNS");
        }
        Map<String, List<String>> names = Map.of(
                "public.example", List.of("93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c"),
                "localhost", List.of("127.0.0.1", "::1"),
                "x.example", List.of("127.0.0.1"),
                "split.example", List.of("93.184.215.14", "10.0.0.5"),
                "members.internal", List.of("10.0.0.5"),
                "metadata.example", List.of("169.254.169.254"));
        String name = host.toLowerCase();
        List<String> addresses = names.get(name.endsWith(".") ? name.substring(0, name.length() - 1) : name);
        if (addresses == null) {
            throw new UnknownHostException(host);
        }
        List<InetAddress> resolved = new java.util.ArrayList<>();
        for (String address : addresses) {
            resolved.add(InetAddress.getByName(address));
        }
        return resolved;
    };

    static final OriginPolicy POLICY = new OriginPolicy(List.of(), DNS, Set::of);

    @ParameterizedTest(name = "{0} is refused as {2}")
    @CsvSource(delimiter = '|', textBlock = """
            http://0.0.0.0/                         | 0.0.0.0                  | an unspecified address
            http://0/                               | 0.0.0.0                  | an unspecified address
            http://[::]/                            | ::                       | an unspecified address
            http://127.0.0.1/                       | 127.0.0.1                | a loopback address
            http://127.8.9.10:8080/x                | 127.8.9.10               | a loopback address
            http://[::1]:8080/                      | ::1                      | a loopback address
            http://10.1.2.3/                        | 10.1.2.3                 | a private address
            http://172.16.0.1/                      | 172.16.0.1               | a private address
            http://172.31.255.255/                  | 172.31.255.255           | a private address
            http://192.168.1.1/                     | 192.168.1.1              | a private address
            http://169.254.1.1/                     | 169.254.1.1              | a link-local address
            http://[fe80::1]/                       | fe80::1                  | a link-local address
            http://[fe80::1%25eth0]/                | fe80::1                  | a link-local address
            http://100.64.0.1/                      | 100.64.0.1               | a carrier-grade NAT address
            http://100.127.255.254/                 | 100.127.255.254          | a carrier-grade NAT address
            http://[fc00::1]/                       | fc00::1                  | a unique-local address
            http://[fd12:3456::1]/                  | fd12:3456::1             | a unique-local address
            http://224.0.0.1/                       | 224.0.0.1                | a multicast address
            http://239.255.255.250/                 | 239.255.255.250          | a multicast address
            http://[ff02::1]/                       | ff02::1                  | a multicast address
            http://255.255.255.255/                 | 255.255.255.255          | the broadcast address
            http://240.0.0.1/                       | 240.0.0.1                | a reserved address
            http://192.0.0.8/                       | 192.0.0.8                | a reserved address
            http://[100::1]/                        | 100::1                   | a reserved address
            http://192.0.2.1/                       | 192.0.2.1                | a documentation address
            http://203.0.113.7/                     | 203.0.113.7              | a documentation address
            http://[2001:db8::1]/                   | 2001:db8::1              | a documentation address
            http://198.18.0.1/                      | 198.18.0.1               | a benchmarking address
            http://169.254.169.254/latest/meta-data | 169.254.169.254          | a cloud metadata address
            http://[fd00:ec2::254]/                 | fd00:ec2::254            | a cloud metadata address
            http://[::ffff:127.0.0.1]/              | (IPv4-mapped 127.0.0.1)  | a loopback address
            http://[::ffff:7f00:1]/                 | (IPv4-mapped 127.0.0.1)  | a loopback address
            http://[0:0:0:0:0:ffff:a9fe:a9fe]/      | (IPv4-mapped 169.254.169.254) | a cloud metadata address
            http://[::ffff:10.0.0.1]/               | (IPv4-mapped 10.0.0.1)   | a private address
            http://[::127.0.0.1]/                   | (IPv4-compatible 127.0.0.1) | a loopback address
            http://[::a00:1]/                       | (IPv4-compatible 10.0.0.1) | a private address
            http://[64:ff9b::10.0.0.1]/             | (NAT64 10.0.0.1)         | a private address
            http://[64:ff9b::7f00:1]/               | (NAT64 127.0.0.1)        | a loopback address
            http://[2002:c0a8:101::1]/              | (6to4 192.168.1.1)       | a private address
            http://[2002:7f00:1::]/                 | (6to4 127.0.0.1)         | a loopback address
            http://[2001:0:4136:e378:8000:63bf:80ff:fffe]/ | (Teredo 127.0.0.1) | a loopback address
            http://2130706433/                      | 127.0.0.1                | a loopback address
            http://0177.0.0.1/                      | 127.0.0.1                | a loopback address
            http://017700000001/                    | 127.0.0.1                | a loopback address
            http://0x7f.0.0.1/                      | 127.0.0.1                | a loopback address
            http://0x7f000001/                      | 127.0.0.1                | a loopback address
            http://0X7F000001:8080/                 | 127.0.0.1                | a loopback address
            http://127.1/                           | 127.0.0.1                | a loopback address
            http://127.0.1/                         | 127.0.0.1                | a loopback address
            http://0x7f.1/                          | 127.0.0.1                | a loopback address
            http://0177.0x0.1/                      | 127.0.0.1                | a loopback address
            http://127.000.000.001/                 | 127.0.0.1                | a loopback address
            http://127.0.0.1./                      | 127.0.0.1                | a loopback address
            http://0x0a.0.0.01/                     | 10.0.0.1                 | a private address
            http://3232235777/                      | 192.168.1.1              | a private address
            http://0xa9fea9fe/                      | 169.254.169.254          | a cloud metadata address
            http://0251.0376.0251.0376/             | 169.254.169.254          | a cloud metadata address
            http://169.254.43518/                   | 169.254.169.254          | a cloud metadata address
            http://0x64.0x40.0.1/                   | 100.64.0.1               | a carrier-grade NAT address
            http://LOCALHOST:8080/                  | 127.0.0.1                | a loopback address
            http://x.example/                       | 127.0.0.1                | a loopback address
            http://split.example/                   | 10.0.0.5                 | a private address
            http://metadata.example/                | 169.254.169.254          | a cloud metadata address
            """)
    void refusesAnOriginOnAnAddressThatIsNotPublicNamingTheAddressAndItsClass(String url, String address, String addressClass) {
        assertThat(POLICY.refusal(URI.create(url)))
                .hasValueSatisfying(refusal -> assertThat(refusal)
                        .contains(address)
                        .contains(", " + addressClass + ";")
                        .contains("registered origins must be public")
                        .contains("mosaic.registry.allowed-origins"));
    }

    @ParameterizedTest(name = "{0} is allowed")
    @ValueSource(strings = {
            "http://8.8.8.8/", "https://1.1.1.1:8443/fragment", "https://[2606:4700:4700::1111]/",
            "http://public.example/fragment?x=1", "https://PUBLIC.example./", "http://0x08080808/", "http://134744072/",
            "http://[::ffff:8.8.8.8]/", "http://[2002:808:808::1]/", "http://172.32.0.1/", "http://100.128.0.1/",
            "http://169.255.0.1/", "http://[2a00:1450:4001:82b::200e]/"})
    void allowsAnOriginWhoseEveryAddressIsPublic(String url) {
        assertThat(POLICY.refusal(URI.create(url))).isEmpty();
    }

    @Test
    void refusalNamesTheHostTheAddressItsClassAndHowToAllowIt() {
        assertThat(POLICY.refusal(URI.create("http://x.example/fragment"))).hasValue(
                "host 'x.example' resolves to 127.0.0.1, a loopback address; registered origins must be public"
                        + " (an operator may allow http://x.example:80 with mosaic.registry.allowed-origins)");
        assertThat(POLICY.refusal(URI.create("http://0x7f.1:8080/"))).hasValue(
                "host '0x7f.1' is 127.0.0.1, a loopback address; registered origins must be public"
                        + " (an operator may allow http://127.0.0.1:8080 with mosaic.registry.allowed-origins)");
    }

    @Test
    void refusesAHostThatDoesNotResolveWithItsOwnMessage() {
        assertThat(POLICY.refusal(URI.create("http://no-such-host.invalid/fragment")))
                .hasValue("host 'no-such-host.invalid' does not resolve; registered origins must resolve to public addresses");
    }

    @ParameterizedTest(name = "{0} is refused as no valid address")
    @ValueSource(strings = {"http://1.2.3.999/", "http://08.0.0.1/", "http://0x7g.0.0.1.0x1/", "http://1.2.3.4.5/",
            "http://4294967296/"})
    void refusesAHostSpeltLikeANumberThatIsNoValidAddress(String url) {
        assertThat(POLICY.refusal(URI.create(url))).hasValueSatisfying(refusal -> assertThat(refusal)
                .containsAnyOf("is written like a numeric address but is not a valid one", "does not resolve", "has no host"));
    }

    @ParameterizedTest(name = "{0} is refused")
    @ValueSource(strings = {"ftp://public.example/x", "file:///etc/passwd", "gopher://public.example:70/", "/relative/path",
            "http:///no-host"})
    void refusesAUrlThatIsNotHttpOrHttpsWithAHost(String url) {
        assertThat(POLICY.refusal(URI.create(url))).hasValueSatisfying(refusal ->
                assertThat(refusal).contains("registered fragments must be http or https URLs with a host"));
    }

    @Test
    void allowsAnOriginTheOperatorAllowedWhateverItResolvesTo() {
        OriginPolicy policy = new OriginPolicy(List.of("http://members.internal:8080", "https://API.internal/",
                "http://127.0.0.1"), DNS, Set::of);
        assertThat(policy.refusal(URI.create("http://members.internal:8080/fragment"))).isEmpty();
        assertThat(policy.refusal(URI.create("HTTP://Members.Internal.:8080/other?q=1"))).isEmpty();
        assertThat(policy.refusal(URI.create("https://api.internal:443/x"))).isEmpty();
        assertThat(policy.refusal(URI.create("https://api.internal/x"))).isEmpty();
        assertThat(policy.refusal(URI.create("http://0x7f000001:80/"))).as("the same address, spelt otherwise").isEmpty();
        assertThat(policy.allowedOrigins()).containsExactlyInAnyOrder(
                "http://members.internal:8080", "https://api.internal:443", "http://127.0.0.1:80");
    }

    @ParameterizedTest(name = "{0} is still refused")
    @ValueSource(strings = {"https://members.internal:8080/", "http://members.internal/", "http://members.internal:8081/",
            "http://127.0.0.1:8080/", "http://other.internal.members.internal:8080/"})
    void anAllowedOriginAllowsThatSchemeHostAndPortOnly(String url) {
        OriginPolicy policy = new OriginPolicy(List.of("http://members.internal:8080", "http://127.0.0.1"), host -> {
            return List.of(InetAddress.getByName("10.0.0.5"));
        }, Set::of);
        assertThat(policy.refusal(URI.create(url))).isPresent();
    }

    @ParameterizedTest(name = "''{0}'' is not an origin")
    @ValueSource(strings = {"http://members.internal:8080/fragment", "members.internal:8080", "ftp://members.internal",
            "http://user@members.internal", "http://members.internal?x", "not a url"})
    void refusesToStartWithAnAllowedOriginThatIsNotSchemeHostAndPort(String origin) {
        assertThatThrownBy(() -> new OriginPolicy(List.of(origin), DNS, Set::of))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("allowed origin")
                .hasMessageContaining(origin.equals("not a url") ? "not a url" : "members.internal");
    }

    @Test
    void atConnectTimeTrustsTheManifestFilesOriginsOnAnyAddress() throws Exception {
        OriginPolicy policy = new OriginPolicy(List.of(), DNS, () -> Set.of("http://127.0.0.1:9101", "http://members.internal:8080"));
        assertThat(policy.connectRefusal("127.0.0.1", 9101, "http", InetAddress.getByName("127.0.0.1"))).isEmpty();
        assertThat(policy.connectRefusal("Members.Internal", 8080, "HTTP", InetAddress.getByName("10.0.0.5"))).isEmpty();
        assertThat(policy.connectRefusal("127.0.0.1", 9102, "http", InetAddress.getByName("127.0.0.1")))
                .as("another port of a trusted host").isPresent();
        assertThat(policy.connectRefusal("127.0.0.1", 9101, "https", InetAddress.getByName("127.0.0.1")))
                .as("another scheme").isPresent();
    }

    @Test
    void atConnectTimeRefusesAnUntrustedOriginOnANonPublicAddressAndAllowsAPublicOne() throws Exception {
        OriginPolicy policy = new OriginPolicy(List.of("http://allowed.example:8080"), DNS, Set::of);
        assertThat(policy.connectRefusal("rebind.example", 80, "http", InetAddress.getByName("127.0.0.1"))).hasValue(
                "origin http://rebind.example:80: host 'rebind.example' resolves to 127.0.0.1, a loopback address;"
                        + " only public addresses are called unless the origin is allowed with mosaic.registry.allowed-origins");
        assertThat(policy.connectRefusal("rebind.example", 80, "http", InetAddress.getByName("93.184.215.14"))).isEmpty();
        assertThat(policy.connectRefusal("allowed.example", 8080, "http", InetAddress.getByName("10.0.0.5"))).isEmpty();
    }

    @Test
    void connectsANumericSpellingToTheAddressItSpellsWithoutAskingDns() throws Exception {
        assertThat(POLICY.addresses("0x7f.1")).containsExactly(InetAddress.getByName("127.0.0.1"));
        assertThat(POLICY.addresses("[::1]")).containsExactly(InetAddress.getByName("::1"));
        assertThat(POLICY.addresses("public.example")).hasSize(2);
        assertThatThrownBy(() -> POLICY.addresses("1.2.3.999")).isInstanceOf(OriginRefusedException.class);
    }
}
