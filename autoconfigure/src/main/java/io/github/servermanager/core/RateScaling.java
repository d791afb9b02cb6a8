package io.github.servermanager.core;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Interval arithmetic that keeps a cluster-wide operation rate bounded however many
 * clients share it.
 */
public final class RateScaling {

	/** Rates at or below once a day are treated as "no rate limit applies". */
	private static final double MIN_RATE_PER_SECOND = 1.0 / 86_400;

	private static final double NANOS_PER_SECOND = 1_000_000_000.0;

	private RateScaling() {
	}

	/**
	 * Returns the interval each of {@code n} participants must wait between operations so
	 * that together they perform at most {@code rate} operations per second, and never
	 * less than {@code min}.
	 * @param rate the cluster-wide operations per second allowed
	 * @param min the shortest interval to return
	 * @param n how many participants share the rate
	 * @return {@code max(min, n / rate seconds)}, or {@code min} when the rate is at or
	 * below once a day
	 */
	public static Duration rateScaledInterval(double rate, Duration min, int n) {
		Objects.requireNonNull(min, "min must not be null");
		// Written as a negation so that NaN also falls back to the minimum.
		if (!(rate > MIN_RATE_PER_SECOND)) {
			return min;
		}
		double nanos = NANOS_PER_SECOND * n / rate;
		Duration interval = Duration.ofNanos((long) nanos);
		return (interval.compareTo(min) < 0) ? min : interval;
	}

	/**
	 * Returns a uniformly random duration in {@code [0, intv)}, used to keep clients that
	 * started together from acting together.
	 * @param intv the exclusive upper bound
	 * @param random the source of randomness
	 * @return a random duration, or zero when {@code intv} is zero or negative
	 */
	public static Duration randomStagger(Duration intv, RandomGenerator random) {
		Objects.requireNonNull(intv, "intv must not be null");
		Objects.requireNonNull(random, "random must not be null");
		long bound = saturatedNanos(intv);
		if (bound <= 0) {
			return Duration.ZERO;
		}
		return Duration.ofNanos(random.nextLong(bound));
	}

	static long saturatedNanos(Duration duration) {
		try {
			return duration.toNanos();
		}
		catch (ArithmeticException ex) {
			return duration.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
		}
	}

}
