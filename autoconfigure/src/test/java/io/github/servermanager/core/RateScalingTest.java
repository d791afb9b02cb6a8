package io.github.servermanager.core;

import java.time.Duration;
import java.util.random.RandomGenerator;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

class RateScalingTest {

	private static final Duration MIN = Duration.ofSeconds(120);

	private static final double ONCE_A_DAY = 1.0 / 86_400;

	@Test
	void rateScaledIntervalSpreadsTheParticipantsOverTheRate() {
		assertThat(RateScaling.rateScaledInterval(64, MIN, 16_384)).isEqualTo(Duration.ofSeconds(256));
	}

	@Test
	void rateScaledIntervalKeepsTheFractionOfASecond() {
		assertThat(RateScaling.rateScaledInterval(4, Duration.ZERO, 1)).isEqualTo(Duration.ofMillis(250));
	}

	@Test
	void rateScaledIntervalNeverGoesBelowTheMinimum() {
		assertThat(RateScaling.rateScaledInterval(64, MIN, 100)).isEqualTo(MIN);
	}

	@Test
	void rateScaledIntervalWithAZeroRateIsTheMinimum() {
		assertThat(RateScaling.rateScaledInterval(0, MIN, 1_000_000)).isEqualTo(MIN);
	}

	@Test
	void rateScaledIntervalWithANegativeRateIsTheMinimum() {
		assertThat(RateScaling.rateScaledInterval(-5, MIN, 1_000_000)).isEqualTo(MIN);
	}

	@Test
	void rateScaledIntervalWithARateOfOnceADayIsTheMinimum() {
		assertThat(RateScaling.rateScaledInterval(ONCE_A_DAY, MIN, 1_000_000)).isEqualTo(MIN);
	}

	@Test
	void rateScaledIntervalWithARateBelowOnceADayIsTheMinimum() {
		assertThat(RateScaling.rateScaledInterval(ONCE_A_DAY / 2, MIN, 1_000_000)).isEqualTo(MIN);
	}

	@Test
	void rateScaledIntervalWithARateJustAboveOnceADayScales() {
		double rate = Math.nextUp(ONCE_A_DAY);
		assertThat(RateScaling.rateScaledInterval(rate, MIN, 2)).isGreaterThan(Duration.ofDays(1));
	}

	@Test
	void rateScaledIntervalWithANanRateIsTheMinimum() {
		assertThat(RateScaling.rateScaledInterval(Double.NaN, MIN, 1_000_000)).isEqualTo(MIN);
	}

	@Test
	void rateScaledIntervalWithAnInfiniteRateIsTheMinimum() {
		assertThat(RateScaling.rateScaledInterval(Double.POSITIVE_INFINITY, MIN, 1_000_000)).isEqualTo(MIN);
	}

	@Test
	void rateScaledIntervalWithNoParticipantsIsTheMinimum() {
		assertThat(RateScaling.rateScaledInterval(64, MIN, 0)).isEqualTo(MIN);
	}

	@Test
	void rateScaledIntervalWithANegativeCountIsTheMinimum() {
		assertThat(RateScaling.rateScaledInterval(64, MIN, -16_384)).isEqualTo(MIN);
	}

	@Test
	void rateScaledIntervalSaturatesInsteadOfOverflowing() {
		Duration interval = RateScaling.rateScaledInterval(Math.nextUp(ONCE_A_DAY), MIN, Integer.MAX_VALUE);
		assertThat(interval).isEqualTo(Duration.ofNanos(Long.MAX_VALUE));
	}

	@Test
	void rateScaledIntervalRejectsANullMinimum() {
		assertThatNullPointerException().isThrownBy(() -> RateScaling.rateScaledInterval(64, null, 1))
			.withMessageContaining("min");
	}

	@Test
	void randomStaggerOfZeroIsZeroWithoutDrawing() {
		assertThat(RateScaling.randomStagger(Duration.ZERO, ScriptedRandom.unused())).isEqualTo(Duration.ZERO);
	}

	@Test
	void randomStaggerOfANegativeIntervalIsZeroWithoutDrawing() {
		assertThat(RateScaling.randomStagger(Duration.ofSeconds(-5), ScriptedRandom.unused())).isEqualTo(Duration.ZERO);
	}

	@Test
	void randomStaggerDrawsBelowTheIntervalInNanoseconds() {
		ScriptedRandom random = ScriptedRandom.returning(59_999_999_999L);
		assertThat(RateScaling.randomStagger(Duration.ofSeconds(60), random))
			.isEqualTo(Duration.ofNanos(59_999_999_999L));
		assertThat(random.bounds()).containsExactly(60_000_000_000L);
	}

	@Test
	void randomStaggerStaysWithinZeroAndTheInterval() {
		RandomGenerator random = TestServer.seeded(11);
		Duration interval = Duration.ofMillis(1500);
		for (int i = 0; i < 10_000; i++) {
			assertThat(RateScaling.randomStagger(interval, random)).isGreaterThanOrEqualTo(Duration.ZERO)
				.isLessThan(interval);
		}
	}

	@Test
	void randomStaggerOfOneNanosecondIsZero() {
		assertThat(RateScaling.randomStagger(Duration.ofNanos(1), TestServer.seeded(11))).isEqualTo(Duration.ZERO);
	}

	@Test
	void randomStaggerOfAnIntervalBeyondNanosecondRangeStillDraws() {
		ScriptedRandom random = ScriptedRandom.returning(5);
		assertThat(RateScaling.randomStagger(Duration.ofDays(365L * 1000), random)).isEqualTo(Duration.ofNanos(5));
		assertThat(random.bounds()).containsExactly(Long.MAX_VALUE);
	}

	@Test
	void randomStaggerRejectsNullArguments() {
		assertThatNullPointerException().isThrownBy(() -> RateScaling.randomStagger(null, TestServer.seeded(1)))
			.withMessageContaining("intv");
		assertThatNullPointerException().isThrownBy(() -> RateScaling.randomStagger(MIN, null))
			.withMessageContaining("random");
	}

}
