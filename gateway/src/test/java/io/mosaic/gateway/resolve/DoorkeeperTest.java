package io.mosaic.gateway.resolve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DoorkeeperTest {

    @Test
    void aKeyIsNewTheFirstTimeAndSeenTheSecond() {
        Doorkeeper doorkeeper = new Doorkeeper(1024);
        assertThat(doorkeeper.again(42)).isFalse();
        assertThat(doorkeeper.again(42)).isTrue();
        assertThat(doorkeeper.again(42)).isTrue();
        assertThat(doorkeeper.again(43)).isFalse();
    }

    @Test
    void zeroIsAKeyLikeAnyOther() {
        Doorkeeper doorkeeper = new Doorkeeper(16);
        assertThat(doorkeeper.again(0)).isFalse();
        assertThat(doorkeeper.again(0)).isTrue();
    }

    @Test
    void aKeyWhoseSlotAnotherTookIsForgotten() {
        Doorkeeper doorkeeper = new Doorkeeper(1);
        assertThat(doorkeeper.again(1)).isFalse();
        assertThat(doorkeeper.again(2)).isFalse();
        assertThat(doorkeeper.again(1)).as("forgotten: its only slot was taken").isFalse();
    }

    @Test
    void manyKeysAreRememberedAtOnce() {
        Doorkeeper doorkeeper = new Doorkeeper(16_384);
        int remembered = 0;
        for (long key = 1; key <= 1000; key++) {
            doorkeeper.again(key * 0x9E3779B97F4A7C15L);
        }
        for (long key = 1; key <= 1000; key++) {
            remembered += doorkeeper.again(key * 0x9E3779B97F4A7C15L) ? 1 : 0;
        }
        // 1,000 keys in 16,384 slots (as the parse store has): a few share a slot, most keep theirs.
        assertThat(remembered).isGreaterThan(850);
    }

    @Test
    void aDoorkeeperHasAtLeastOneSlot() {
        assertThatThrownBy(() -> new Doorkeeper(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
