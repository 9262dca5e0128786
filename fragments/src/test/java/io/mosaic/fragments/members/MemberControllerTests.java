package io.mosaic.fragments.members;

import static org.assertj.core.api.Assertions.assertThat;

import io.mosaic.fragments.DemoTable;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.reactive.server.WebTestClient;

@WebFluxTest(properties = "fragment.name=members")
@Import(MemberDirectory.class)
class MemberControllerTests {

    @Autowired
    private WebTestClient client;

    @Test
    void listsEveryMemberByNameWithoutAQuery() {
        Element section = fragment(null);
        assertThat(section.select("tbody tr")).hasSize(16);
        assertThat(names(section)).startsWith("Alice Moreau", "Bjørn Halvorsen").endsWith("Sam O'Brien");
        assertThat(section.selectFirst(".people-members-count").text()).isEqualTo("16 members");
    }

    @Test
    void searchMatchingOneMemberShowsExactlyThatMember() {
        Element section = fragment("ali");
        assertThat(names(section)).containsExactly("Alice Moreau");
        assertThat(section.selectFirst(".people-members-count").text()).isEqualTo("1 member");
        assertThat(section.select("tbody tr td").eachText())
            .containsExactly("alice.moreau@northwind.chat", "Owner", "Engineering", "active");
    }

    @Test
    void searchIgnoresCaseAndSurroundingSpace() {
        assertThat(names(fragment(" ALICE "))).containsExactly("Alice Moreau");
    }

    @Test
    void searchMatchesDepartmentAndEmail() {
        assertThat(names(fragment("finance"))).containsExactly("Fatima Haddad", "Jonas Becker", "Lena Fischer");
        assertThat(names(fragment(".example"))).containsExactly("Jonas Becker", "Priya Raman");
    }

    @Test
    void searchWithoutMatchShowsTheEmptyStateInsteadOfATable() {
        Element section = fragment("zebra");
        assertThat(section.select("table")).isEmpty();
        assertThat(section.selectFirst(".people-members-count").text()).isEqualTo("0 members");
        assertThat(section.selectFirst(".people-members-empty").text()).contains("No members match “zebra”.");
    }

    @Test
    void searchTextIsEscapedWhereverItIsShown() {
        Element section = fragment("<img src=x onerror=alert(1)>");
        assertThat(section.select("img")).isEmpty();
        assertThat(section.selectFirst("input[name=q]").attr("value")).isEqualTo("<img src=x onerror=alert(1)>");
    }

    @Test
    void searchFormSubmitsToThePageItIsOn() {
        Element form = fragment(null).selectFirst("form[role=search]");
        assertThat(form.hasAttr("action")).isFalse();
        assertThat(form.attr("method")).isEqualTo("get");
        Element input = form.selectFirst("input[type=search][name=q]");
        assertThat(form.selectFirst("label[for=" + input.id() + "]")).isNotNull();
        assertThat(form.select("button[type=submit]")).hasSize(1);
    }

    @Test
    void tableHasHeadersForEveryColumn() {
        assertThat(fragment(null).select("thead th[scope=col]").eachText())
            .containsExactly("Name", "Email", "Role", "Department", "Status");
    }

    @Test
    void rootIsThePeopleTeamsVersionedSection() {
        Element section = fragment(null);
        assertThat(section.hasClass("people-members")).isTrue();
        assertThat(section.attr("data-version")).isEqualTo(DemoTable.version("members"));
    }

    private static List<String> names(Element section) {
        return section.select("tbody th[scope=row] span:not(.people-members-avatar)").eachText();
    }

    private Element fragment(String query) {
        String html = this.client.get()
            .uri((uri) -> (query != null) ? uri.path("/fragment").queryParam("q", "{q}").build(query) : uri.path("/fragment").build())
            .exchange()
            .expectStatus().isOk()
            .expectBody(String.class).returnResult().getResponseBody();
        return Jsoup.parseBodyFragment(html).body().child(0);
    }

}
