package io.github.servermanager.core;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A random generator that returns the values a test scripted, in order, and records the
 * bounds it was asked for. Any draw beyond the script, or one without a bound, fails the
 * test: exact expectations need to know every draw.
 */
final class ScriptedRandom implements RandomGenerator {

	private final Deque<Long> values = new ArrayDeque<>();

	private final List<Long> bounds = new ArrayList<>();

	private ScriptedRandom(long... values) {
		for (long value : values) {
			this.values.add(value);
		}
	}

	/** Bounded draws return {@code values}, one per draw. */
	static ScriptedRandom returning(long... values) {
		return new ScriptedRandom(values);
	}

	/** A generator that must not be used at all. */
	static ScriptedRandom unused() {
		return new ScriptedRandom();
	}

	@Override
	public long nextLong() {
		throw new AssertionError("unbounded draw: the manager should only draw with a bound");
	}

	@Override
	public synchronized long nextLong(long bound) {
		return next(bound);
	}

	@Override
	public synchronized int nextInt(int bound) {
		return (int) next(bound);
	}

	synchronized List<Long> bounds() {
		return List.copyOf(this.bounds);
	}

	synchronized boolean exhausted() {
		return this.values.isEmpty();
	}

	private long next(long bound) {
		this.bounds.add(bound);
		Long value = this.values.poll();
		if (value == null) {
			throw new AssertionError("unscripted draw with bound " + bound);
		}
		if (value < 0 || value >= bound) {
			throw new AssertionError("scripted value " + value + " is outside [0, " + bound + ")");
		}
		return value;
	}

}
