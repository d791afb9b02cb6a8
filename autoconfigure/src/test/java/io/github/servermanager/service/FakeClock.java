package io.github.servermanager.service;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock that moves only when told to.
 */
final class FakeClock implements ServerManagerClock {

	private static final Instant ORIGIN = Instant.parse("2026-01-01T00:00:00Z");

	private final AtomicLong nanos = new AtomicLong();

	@Override
	public long nanoTime() {
		return this.nanos.get();
	}

	@Override
	public Instant now() {
		return ORIGIN.plusNanos(this.nanos.get());
	}

	void advance(Duration duration) {
		this.nanos.addAndGet(duration.toNanos());
	}

}
