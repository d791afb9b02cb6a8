package io.github.servermanager.actuate;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Writes instants and durations as ISO-8601 strings to the millisecond: finer digits are
 * noise to an operator, and a deadline computed from two clocks would otherwise change in
 * its last digits between two reads.
 */
final class IsoStrings {

	private IsoStrings() {
	}

	static String of(Instant instant) {
		return instant.truncatedTo(ChronoUnit.MILLIS).toString();
	}

	static String of(Duration duration) {
		return duration.truncatedTo(ChronoUnit.MILLIS).toString();
	}

}
