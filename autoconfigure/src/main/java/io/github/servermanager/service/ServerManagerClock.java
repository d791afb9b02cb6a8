package io.github.servermanager.service;

import java.time.Instant;

/**
 * The two clocks the integration needs: a monotonic one for deadlines and a wall clock to
 * report them. Tests replace both.
 */
public interface ServerManagerClock {

	/** The system clocks. */
	ServerManagerClock SYSTEM = new ServerManagerClock() {

		@Override
		public long nanoTime() {
			return System.nanoTime();
		}

		@Override
		public Instant now() {
			return Instant.now();
		}

	};

	/**
	 * Returns monotonic time, as {@link System#nanoTime()} does.
	 * @return nanoseconds since an arbitrary origin
	 */
	long nanoTime();

	/**
	 * Returns the wall-clock time.
	 * @return now
	 */
	Instant now();

}
