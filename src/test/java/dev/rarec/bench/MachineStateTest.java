package dev.rarec.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MachineStateTest {
    @Test
    void measuresABandwidthAndAnArithmeticRateInPlausibleRanges() {
        MachineState m = MachineState.measure();
        // any machine this runs on copies between 0.5 and 500 GB/s and chains 0.01 to 20 billion multiply-adds a second;
        // outside that, a unit or the timing is wrong
        assertThat(m.copyGBps()).isBetween(0.5, 500.0);
        assertThat(m.arithmeticGops()).isBetween(0.01, 20.0);
    }
}
