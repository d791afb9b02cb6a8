package io.github.servermanager.ping;

import java.time.Duration;
import java.util.Objects;

/**
 * Argument checks shared by the pingers.
 */
final class PingTimeouts {

	private PingTimeouts() {
	}

	static Duration requirePositive(Duration timeout) {
		Objects.requireNonNull(timeout, "timeout must not be null");
		if (timeout.isNegative() || timeout.isZero()) {
			throw new IllegalArgumentException("timeout must be positive, but was " + timeout);
		}
		return timeout;
	}

}
