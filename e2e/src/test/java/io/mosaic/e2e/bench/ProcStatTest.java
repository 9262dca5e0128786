package io.mosaic.e2e.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProcStatTest {

    @Test
    void readsParentAndCpuTicksCountingFieldsAfterTheCommandName() {
        // Fields 14 and 15 (utime 1234, stime 56), field 4 (ppid 31307); the name holds a space and a ')'.
        String line = "31754 (nginx: wor) ker) S 31307 31754 27575 0 -1 4194560 5000 0 0 0 1234 56 0 0 20 0 33 0 346582 2998272 421";

        ProcStat.Stat stat = ProcStat.parse(line);

        assertThat(stat.pid()).isEqualTo(31754);
        assertThat(stat.parentPid()).isEqualTo(31307);
        assertThat(stat.userTicks()).isEqualTo(1234);
        assertThat(stat.systemTicks()).isEqualTo(56);
        assertThat(stat.cpuTicks()).isEqualTo(1290);
    }

    @Test
    void readsThisProcessOwnStat() {
        ProcStat.Stat stat = ProcStat.of(ProcessHandle.current().pid());

        assertThat(stat).isNotNull();
        assertThat(stat.pid()).isEqualTo(ProcessHandle.current().pid());
        assertThat(stat.parentPid()).isEqualTo(ProcessHandle.current().parent().orElseThrow().pid());
    }

    @Test
    void readsResidentMemoryInKib() {
        String status = "Name:\tjava\nVmPeak:\t 4000000 kB\nVmRSS:\t  265432 kB\nRssAnon:\t 200000 kB\n";

        assertThat(ProcStat.parseRssKiB(status)).isEqualTo(265432);
    }

    @Test
    void refusesALineThatIsNotAStatLine() {
        assertThatThrownBy(() -> ProcStat.parse("VmRSS: 1 kB")).isInstanceOf(IllegalArgumentException.class);
    }
}
