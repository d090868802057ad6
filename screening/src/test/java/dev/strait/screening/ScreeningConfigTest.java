package dev.strait.screening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ScreeningConfigTest {

    @Test
    void defaultsBlockAbove92AndReviewAbove80() {
        ScreeningConfig config = ScreeningConfig.defaults();
        assertThat(config.decide(0.95)).isEqualTo(Decision.BLOCK);
        assertThat(config.decide(0.92)).isEqualTo(Decision.BLOCK);
        assertThat(config.decide(0.85)).isEqualTo(Decision.REVIEW);
        assertThat(config.decide(0.79)).isEqualTo(Decision.CLEAR);
    }

    @Test
    void rejectsThresholdsOutOfOrderOrOutOfRange() {
        assertThatThrownBy(() -> ScreeningConfig.defaults().withThresholds(0.7, 0.8)).hasMessageContaining("review_at (0.8) must not exceed block_at (0.7)");
        assertThatThrownBy(() -> ScreeningConfig.defaults().withThresholds(1.2, 0.8)).hasMessageContaining("block_at must be within [0, 1]");
    }
}
