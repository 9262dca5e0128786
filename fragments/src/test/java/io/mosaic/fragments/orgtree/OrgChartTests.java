package io.mosaic.fragments.orgtree;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class OrgChartTests {

    private final OrgChart chart = new OrgChart();

    @Test
    void everyUnitsHeadcountIsTheSumOfItsChildren() {
        assertHeadcountsAddUp(this.chart.root());
    }

    @Test
    void unknownIdHasNoChildrenToShow() {
        assertThat(this.chart.childrenOf("marketing")).isEmpty();
        assertThat(this.chart.childrenOf("people-recruiting")).hasValue(List.of());
    }

    private static void assertHeadcountsAddUp(OrgUnit unit) {
        if (unit.children().isEmpty()) {
            assertThat(unit.kind()).isEqualTo(OrgUnit.Kind.TEAM);
            return;
        }
        assertThat(unit.headcount()).as(unit.id()).isEqualTo(unit.children().stream().mapToInt(OrgUnit::headcount).sum());
        unit.children().forEach(OrgChartTests::assertHeadcountsAddUp);
    }

}
