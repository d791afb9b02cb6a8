package io.github.servermanager.testsupport;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The threads the starter starts, all named {@code server-manager-...}, as the JVM has
 * them now.
 */
public final class StarterThreads {

	private static final String PREFIX = "server-manager-";

	private StarterThreads() {
	}

	/**
	 * Returns the names of the live threads of the starter.
	 * @return their names, sorted
	 */
	public static List<String> live() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter(Thread::isAlive)
			.map(Thread::getName)
			.filter((name) -> name.startsWith(PREFIX))
			.sorted()
			.toList();
	}

	/**
	 * Waits a few seconds for the starter's threads to end, then fails naming those left.
	 */
	public static void awaitNoneLive() {
		await().atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(50))
			.untilAsserted(() -> assertThat(live()).as("live threads named %s...", PREFIX).isEmpty());
	}

}
