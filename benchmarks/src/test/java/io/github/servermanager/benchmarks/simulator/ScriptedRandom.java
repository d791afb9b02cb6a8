package io.github.servermanager.benchmarks.simulator;

import java.util.random.RandomGenerator;

/**
 * A generator whose every draw is known in advance, so expected results can be worked out
 * by hand: staggers are a fixed fraction of their bound, and a shuffle either swaps the
 * first two of two servers or leaves them.
 *
 * @param staggerFraction what {@code nextLong(bound)} returns, as a fraction of bound
 * @param swap whether {@code nextInt(bound)} returns 0 (a two-server shuffle swaps) or
 * {@code bound - 1} (it keeps the order)
 */
record ScriptedRandom(double staggerFraction, boolean swap) implements RandomGenerator {

	@Override
	public long nextLong() {
		throw new UnsupportedOperationException("Only bounded draws are scripted");
	}

	@Override
	public int nextInt(int bound) {
		return this.swap ? 0 : bound - 1;
	}

	@Override
	public long nextLong(long bound) {
		return (long) (bound * this.staggerFraction);
	}

}
