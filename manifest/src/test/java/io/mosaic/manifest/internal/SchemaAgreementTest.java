package io.mosaic.manifest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.mosaic.manifest.Defaults;
import io.mosaic.manifest.ManifestReader;
import io.mosaic.manifest.ManifestSchema;
import io.mosaic.manifest.ProxyPath;
import io.mosaic.manifest.SlotDefinition;
import io.mosaic.manifest.Trust;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** The published schema and the validator accept and refuse the same shapes, and know the same fields. */
class SchemaAgreementTest {

    private static final Schema SCHEMA = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
            .getSchema(ManifestSchema.text(), InputFormat.JSON);
    private static final JsonNode SCHEMA_TREE = new ObjectMapper().readTree(ManifestSchema.text());

    private static Path example() {
        Path here = Path.of("examples/admin-console.yaml");
        return Files.exists(here) ? here : Path.of("manifest/examples/admin-console.yaml");
    }

    @Test
    void theDemoManifestPassesTheSchema() throws Exception {
        List<Error> errors = SCHEMA.validate(Files.readString(example()), InputFormat.YAML);
        assertThat(errors).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "version: 2",
            "version: 1\nfragmnets: []",
            "version: 1\nfragments: [{name: Nav, team: t, url: 'http://a/'}]",
            "version: 1\nfragments: [{name: nav-, team: t, url: 'http://a/'}]",
            "version: 1\nfragments: [{name: nav, team: t, url: 'ftp://a/'}]",
            "version: 1\nfragments: [{name: nav, team: t, url: 'http://u:p@a/'}]",
            "version: 1\nfragments: [{name: nav, team: t, url: 'http://a/', timeout: 500}]",
            "version: 1\nfragments: [{name: nav, team: t, url: 'http://a/', timeout: 2 s}]",
            "version: 1\nfragments: [{name: nav, team: t, url: 'http://a/', cacheFor: -5s}]",
            "version: 1\nfragments: [{name: nav, team: t, url: 'http://a/', cachefor: 5s}]",
            "version: 1\ndefaults: {cacheFor: 30}",
            "version: 1\nfragments: [{name: nav, team: t, url: 'http://a/', assets: {js: ['javascript:x']}}]",
            "version: 1\nfragments: [{name: nav, team: t, url: 'http://a/', assets: {css: ['//cdn/x.css']}}]",
            "version: 1\nfragments: [{name: nav, team: t, url: 'http://a/', proxy: ['/api/../x']}]",
            "version: 1\nfragments: [{name: nav, team: t, url: 'http://a/', proxy: ['/api/..;/x']}]",
            "version: 1\nfragments: [{name: nav, team: t, url: 'http://a/', proxy: ['/api/%2e%2E/x']}]",
            "version: 1\nfragments: [{name: nav, team: t, url: 'http://a/', proxy: ['/api//x']}]",
            "version: 1\nfragments: [{name: nav, team: t, url: 'http://a/', assets: {js: ['/%2F%2Fevil.example/x.js']}}]",
            "version: 1\nfragments: [{name: nav, team: t, url: 'http://a/', assets: {js: ['http://a/x/%252e%252e/y.js']}}]",
            "version: 1\nfragments: [{name: nav, team: t, url: 'http://a/', circuitBreaker: {failureRate: 0}}]",
            "version: 1\npages: [{path: /actuator/x, layout: admin, slots: {main: a}}]",
            "version: 1\npages: [{path: admin, layout: admin, slots: {main: a}}]",
            "version: 1\npages: [{path: /a, layout: admin, slots: {main: []}}]",
            "version: 1\npages: [{path: /a, layout: admin, slots: {main: {open: false}}}]",
            "version: 1\npages: [{path: /a, layout: dashboard, slots: {widgets: {open: true, perTeam: 0}}}]",
            "version: 1\npages: [{path: /a, layout: dashboard, slots: {widgets: {open: true, perteam: 2}}}]",
            "version: 1\npages: [{path: /a, layout: admin, slots: {}}]",
            "version: 1\nfragments: [{name: nav, team: t, url: 'http://a/', mount: {page: /a, slot: w}}]",
            "version: 1\nfragments: [{name: nav, team: t, url: 'http://a/', mount: [{page: /a}]}]",
            "version: 1\nfragments: [{name: nav, team: t, url: 'http://a/', mount: [{page: a, slot: w}]}]",
            "version: 1\nfragments: [{name: nav, team: t, url: 'http://a/', mount: [{page: /a, slot: w, order: 1001}]}]",
            "version: 1\nfragments: [{name: nav, team: t, url: 'http://a/', mount: [{page: /a, slot: w, rank: 1}]}]",
            "version: 1\nfragments: [{name: nav, team: t, url: 'http://a/', proxy: [{path: /api, methods: [TRACE]}]}]",
            "version: 1\nfragments: [{name: nav, team: t, url: 'http://a/', proxy: [{path: /api, methods: [get]}]}]",
            "version: 1\nfragments: [{name: nav, team: t, url: 'http://a/', proxy: [{path: /api, methods: []}]}]",
            "version: 1\nfragments: [{name: nav, team: t, url: 'http://a/', proxy: [{methods: [GET]}]}]",
            "version: 1\nfragments: [{name: nav, team: t, url: 'http://a/', maxRequestBody: 67108865}]",
            "version: 1\ndefaults: {maxRequestBody: -1}",
            "version: 1\nfragments: [{name: nav, team: t, url: 'http://a/', forward: {query: some}}]",
            "version: 1\nfragments: [{name: nav, team: t, url: 'http://a/', forward: {query: []}}]",
            "version: 1\nfragments: [{name: nav, team: t, url: 'http://a/', forward: {cookies: ['a b']}}]",
            "version: 1\nfragments: [{name: nav, team: t, url: 'http://a/', forward: {headers: [Host]}}]",
            "version: 1\nfragments: [{name: nav, team: t, url: 'http://a/', forward: {headers: [proxy-authorization]}}]",
            "version: 1\nfragments: [{name: nav, team: t, url: 'http://a/', forward: {headers: [COOKIE]}}]",
            "version: 1\nfragments: [{name: nav, team: t, url: 'http://a/', forward: {header: [x-a]}}]",
            "version: 1\nfragments: [{name: nav, team: t, url: 'http://a/', trust: full}]",
            "version: 1\nfragments: [{name: nav, team: t, url: 'http://a/', trust: untrusted, assets: {js: [/a.js]}}]",
            "version: 1\nfragments: [{name: nav, team: t, url: 'http://a/', assets: {js: [{path: /a.js, integrity: 'sha1-abc'}]}}]",
            "version: 1\nfragments: [{name: nav, team: t, url: 'http://a/', assets: {js: [{path: /a.js, integrity: 'sha384-abc'}]}}]",
            "version: 1\nfragments: [{name: nav, team: t, url: 'http://a/', assets: {js: [{path: /a.js}]}}]"})
    void schemaAndValidatorBothRefuse(String yaml) {
        assertThat(SCHEMA.validate(yaml, InputFormat.YAML)).as("schema errors").isNotEmpty();
        assertThat(new ManifestReader().read("m.yaml", yaml).problems()).as("validator problems").isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "version: 1\nfragments: [{name: nav, team: t, url: 'http://a/', trust: untrusted, assets: {css: [/a.css], js: []}}]",
            "version: 1\nfragments: [{name: nav, team: t, url: 'http://a/', trust: standard, assets: {js: [/a.js]}}]",
            "version: 1\nfragments: [{name: nav, team: t, url: 'http://a/', assets: {js: ['/a.js?v=1;2']}, proxy: [/api/..x]}]",
            "version: 1\npages: [{path: /a, layout: dashboard, slots: {widgets: {open: true, max: 3, perTeam: 3}}}]",
            "version: 1\nfragments: [{name: nav, team: t, url: 'http://a/', forward: {headers: [Authorization, X-Forwarded-User, X-Forwarded-For, x-auth-request-email], cookies: [mosaic-x]}}]"})
    void schemaAndValidatorBothAccept(String yaml) {
        assertThat(SCHEMA.validate(yaml, InputFormat.YAML)).as("schema errors").isEmpty();
        assertThat(new ManifestReader().read("m.yaml", yaml).problems()).as("validator problems").isEmpty();
    }

    @Test
    void schemaAndValidatorBothRefuseEveryHeaderNoFragmentMayDeclare() {
        List<String> never = new java.util.ArrayList<>(io.mosaic.manifest.Reach.NEVER.keySet());
        never.add("proxy-anything");
        for (String header : never) {
            for (String written : List.of(header, header.toUpperCase(java.util.Locale.ROOT))) {
                String yaml = "version: 1\nfragments: [{name: nav, team: t, url: 'http://a/', forward: {headers: [" + written + "]}}]";
                assertThat(SCHEMA.validate(yaml, InputFormat.YAML)).as("schema errors for " + written).isNotEmpty();
                assertThat(new ManifestReader().read("m.yaml", yaml).problems()).as("validator problems for " + written).isNotEmpty();
            }
        }
    }

    @Test
    void schemaAndValidatorKnowTheSameFields() {
        assertThat(properties(SCHEMA_TREE)).isEqualTo(DocumentBinder.TOP);
        assertThat(properties(SCHEMA_TREE.at("/properties/defaults"))).isEqualTo(DocumentBinder.DEFAULTS);
        assertThat(properties(SCHEMA_TREE.at("/$defs/fragment"))).isEqualTo(DocumentBinder.FRAGMENT);
        assertThat(properties(SCHEMA_TREE.at("/$defs/page"))).isEqualTo(DocumentBinder.PAGE);
        assertThat(properties(SCHEMA_TREE.at("/$defs/circuitBreaker"))).isEqualTo(DocumentBinder.BREAKER);
        assertThat(properties(SCHEMA_TREE.at("/$defs/bulkhead"))).isEqualTo(DocumentBinder.BULKHEAD);
        assertThat(properties(SCHEMA_TREE.at("/$defs/fragment/properties/assets"))).isEqualTo(AccessBinder.ASSETS);
        assertThat(properties(SCHEMA_TREE.at("/$defs/asset/oneOf/1"))).isEqualTo(AccessBinder.ASSET);
        assertThat(properties(SCHEMA_TREE.at("/$defs/proxyPath/oneOf/1"))).isEqualTo(AccessBinder.PROXY_PATH);
        assertThat(properties(SCHEMA_TREE.at("/$defs/forward"))).isEqualTo(AccessBinder.FORWARD);
        assertThat(properties(SCHEMA_TREE.at("/$defs/mount"))).isEqualTo(DocumentBinder.MOUNT);
        assertThat(properties(SCHEMA_TREE.at("/$defs/page/properties/slots/additionalProperties/oneOf/2")))
                .isEqualTo(DocumentBinder.OPEN_SLOT);
    }

    @Test
    void boundsComeFromTheRules() {
        JsonNode order = SCHEMA_TREE.at("/$defs/mount/properties/order");
        assertThat(order.get("minimum").asInt()).isEqualTo(Rules.MOUNT_ORDER_MIN);
        assertThat(order.get("maximum").asInt()).isEqualTo(Rules.MOUNT_ORDER_MAX);
        JsonNode max = SCHEMA_TREE.at("/$defs/page/properties/slots/additionalProperties/oneOf/2/properties/max");
        assertThat(max.get("maximum").asInt()).isEqualTo(Rules.OPEN_SLOT_MAX);
        JsonNode requestBody = SCHEMA_TREE.at("/$defs/maxRequestBody/oneOf/1");
        assertThat(requestBody.get("minimum").asLong()).isEqualTo(Rules.REQUEST_BODY_MIN);
        assertThat(requestBody.get("maximum").asLong()).isEqualTo(Rules.REQUEST_BODY_MAX);
        assertThat(SCHEMA_TREE.at("/$defs/maxRequestBody/default").asString())
                .isEqualTo(Quantities.formatSize(Rules.REQUEST_BODY_DEFAULT));
        assertThat(SCHEMA_TREE.at("/$defs/proxyPath/oneOf/1/properties/methods/items/enum").valueStream().map(JsonNode::asString))
                .containsExactlyElementsOf(ProxyPath.ALLOWED_METHODS);
        assertThat(SCHEMA_TREE.at("/$defs/proxyPath/oneOf/1/properties/methods/default").valueStream().map(JsonNode::asString))
                .containsExactlyElementsOf(ProxyPath.DEFAULT_METHODS);
        JsonNode cacheFor = SCHEMA_TREE.at("/$defs/cacheFor");
        assertThat(cacheFor.get("default").asString()).isEqualTo(Quantities.format(Defaults.BUILT_IN.cacheFor()));
        assertThat(cacheFor.get("description").asString())
                .contains(Quantities.format(Rules.CACHE_FOR_MIN) + " to " + Quantities.format(Rules.CACHE_FOR_MAX));
        assertThat(SCHEMA_TREE.at("/$defs/fragment/properties/trust/enum").valueStream().map(JsonNode::asString))
                .containsExactlyElementsOf(Arrays.stream(Trust.values()).map(Trust::id).toList());
    }

    @Test
    void everyNumericBoundComesFromTheRules() {
        intBounds("/$defs/circuitBreaker/properties/failureRate", Rules.FAILURE_RATE_MIN, Rules.FAILURE_RATE_MAX);
        intBounds("/$defs/circuitBreaker/properties/window", Rules.WINDOW_MIN, Rules.WINDOW_MAX);
        intBounds("/$defs/circuitBreaker/properties/minimumCalls", Rules.MINIMUM_CALLS_MIN, Rules.MINIMUM_CALLS_MAX);
        intBounds("/$defs/circuitBreaker/properties/halfOpenCalls", Rules.HALF_OPEN_CALLS_MIN, Rules.HALF_OPEN_CALLS_MAX);
        intBounds("/$defs/bulkhead/properties/maxConcurrent", Rules.BULKHEAD_MIN, Rules.BULKHEAD_MAX);
        intBounds(OPEN_SLOT + "/max", Rules.OPEN_SLOT_MIN, Rules.OPEN_SLOT_MAX);
        intBounds(OPEN_SLOT + "/perTeam", Rules.PER_TEAM_MIN, Rules.OPEN_SLOT_MAX);
        assertThat(SCHEMA_TREE.at(OPEN_SLOT + "/perTeam/default").asInt()).isEqualTo(SlotDefinition.Open.DEFAULT_PER_TEAM);
        assertThat(SCHEMA_TREE.at(OPEN_SLOT + "/max/default").asInt()).isEqualTo(SlotDefinition.Open.DEFAULT_MAX);
        intBounds("/$defs/size/oneOf/1", (int) Rules.BODY_MIN, (int) Rules.BODY_MAX);
        assertThat(SCHEMA_TREE.at("/$defs/fragment/properties/fallback/maxLength").asInt()).isEqualTo(Rules.FALLBACK_MAX_CHARS);
        assertThat(SCHEMA_TREE.at("/$defs/page/properties/title/maxLength").asInt()).isEqualTo(Rules.TITLE_MAX_CHARS);
    }

    @Test
    void everyListOfAFragmentHasTheRulesCapInTheSchemaAndBothRefuseOneMore() {
        String fragment = "/$defs/fragment/properties";
        List<String> lists = List.of(fragment + "/assets/properties/css", fragment + "/assets/properties/js", fragment + "/proxy",
                "/$defs/forward/properties/query/oneOf/1", "/$defs/forward/properties/cookies",
                "/$defs/forward/properties/headers", fragment + "/mount");
        for (String pointer : lists) {
            assertThat(SCHEMA_TREE.at(pointer + "/maxItems").asInt()).as(pointer).isEqualTo(Rules.LIST_MAX);
        }
        String tooMany = java.util.stream.IntStream.rangeClosed(0, Rules.LIST_MAX).mapToObj(i -> "/api" + i)
                .collect(java.util.stream.Collectors.joining(", ", "[", "]"));
        String yaml = "version: 1\nfragments: [{name: nav, team: t, url: 'http://a/', proxy: " + tooMany + "}]";
        assertThat(SCHEMA.validate(yaml, InputFormat.YAML)).as("schema errors").isNotEmpty();
        assertThat(new ManifestReader().read("m.yaml", yaml).problems()).as("validator problems").isNotEmpty();
    }

    private static final String OPEN_SLOT = "/$defs/page/properties/slots/additionalProperties/oneOf/2/properties";

    /** The schema's minimum, maximum and the "A to B" of its description are the rule's bounds. */
    private static void intBounds(String pointer, int min, int max) {
        JsonNode node = SCHEMA_TREE.at(pointer);
        assertThat(node.get("minimum").asInt()).as(pointer + " minimum").isEqualTo(min);
        assertThat(node.get("maximum").asInt()).as(pointer + " maximum").isEqualTo(max);
        if (node.has("description")) {
            assertThat(node.get("description").asString()).as(pointer + " description").contains(min + " to " + max);
        }
    }

    private static Set<String> properties(JsonNode object) {
        return new LinkedHashSet<>(object.get("properties").propertyNames());
    }
}
