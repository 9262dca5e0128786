package io.mosaic.fragments.orgtree;

import io.mosaic.fragments.DemoTable;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

@WebFluxTest(properties = "fragment.name=org-tree")
@Import(OrgChart.class)
class OrgApiControllerTests {

    @Autowired
    private WebTestClient client;

    @Test
    void rootAnswersTheCompanyAndItsDepartments() {
        this.client.get().uri("/api/org").exchange()
            .expectStatus().isOk()
            .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
            .expectBody()
            .json("""
                    {"root": {"id": "northwind", "name": "Northwind Chat", "kind": "company", "headcount": 148, "hasChildren": true},
                     "children": [
                       {"id": "engineering", "name": "Engineering", "kind": "department", "headcount": 81, "hasChildren": true},
                       {"id": "product", "name": "Product", "kind": "department", "headcount": 25, "hasChildren": true},
                       {"id": "sales", "name": "Sales", "kind": "department", "headcount": 28, "hasChildren": true},
                       {"id": "people", "name": "People", "kind": "department", "headcount": 8, "hasChildren": true},
                       {"id": "finance", "name": "Finance", "kind": "department", "headcount": 6, "hasChildren": true}]}
                    """, true);
    }

    @Test
    void nodeAnswersItsDirectChildrenOnly() {
        this.client.get().uri("/api/org/engineering").exchange()
            .expectStatus().isOk()
            .expectBody()
            .json("""
                    [{"id": "eng-platform", "name": "Platform", "kind": "team", "headcount": 22, "hasChildren": false},
                     {"id": "eng-messaging", "name": "Messaging", "kind": "team", "headcount": 31, "hasChildren": false},
                     {"id": "eng-mobile", "name": "Mobile", "kind": "team", "headcount": 16, "hasChildren": false},
                     {"id": "eng-reliability", "name": "Reliability", "kind": "team", "headcount": 12, "hasChildren": false}]
                    """, true);
    }

    @Test
    void companyNodeAnswersTheDepartments() {
        this.client.get().uri("/api/org/northwind").exchange()
            .expectStatus().isOk()
            .expectBody()
            .jsonPath("$[*].id").isEqualTo(List.of("engineering", "product", "sales", "people", "finance"))
            .jsonPath("$[*].kind").isEqualTo(List.of("department", "department", "department", "department", "department"));
    }

    @Test
    void teamAnswersNoChildren() {
        this.client.get().uri("/api/org/eng-mobile").exchange()
            .expectStatus().isOk()
            .expectBody().json("[]", true);
    }

    @Test
    void unknownIdIsNotFound() {
        this.client.get().uri("/api/org/marketing").exchange()
            .expectStatus().isNotFound()
            .expectHeader().valueEquals("X-Fragment-Version", DemoTable.version("org-tree"));
    }

    @Test
    void apiAnswersCarryTheVersionHeader() {
        this.client.get().uri("/api/org").exchange().expectHeader().valueEquals("X-Fragment-Version", DemoTable.version("org-tree"));
    }

}
