package io.mosaic.fragments.contract;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The contract on its own, in an app that has nothing else: a throwaway controller and the import. */
@WebFluxTest(properties = { "fragment.name=demo", "fragment.team=qa", "fragment.version=9.9.9" })
class FragmentContractTests {

    @Autowired
    private WebTestClient client;

    @Test
    void healthNamesTheFragmentItsTeamAndVersion() {
        this.client.get()
            .uri("/health")
            .exchange()
            .expectStatus().isOk()
            .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
            .expectBody()
            .json("{\"name\":\"demo\",\"team\":\"qa\",\"version\":\"9.9.9\",\"status\":\"UP\"}", true);
    }

    @Test
    void everyAnswerCarriesTheVersionHeader() {
        this.client.get().uri("/hello").exchange().expectStatus().isOk().expectHeader().valueEquals("X-Fragment-Version", "9.9.9");
        this.client.get().uri("/health").exchange().expectHeader().valueEquals("X-Fragment-Version", "9.9.9");
    }

    @Test
    void errorsCarryTheVersionHeaderToo() {
        this.client.get().uri("/no-such-page").exchange().expectStatus().isNotFound()
            .expectHeader().valueEquals("X-Fragment-Version", "9.9.9");
        this.client.get().uri("/broken").exchange().expectStatus().is5xxServerError()
            .expectHeader().valueEquals("X-Fragment-Version", "9.9.9");
    }

    @SpringBootConfiguration
    @Import({ FragmentContractConfiguration.class, DemoController.class })
    static class DemoApplication {

    }

    @RestController
    static class DemoController {

        @GetMapping("/hello")
        String hello() {
            return "hello";
        }

        @GetMapping("/broken")
        String broken() {
            throw new IllegalStateException("broken on purpose");
        }

    }

}
