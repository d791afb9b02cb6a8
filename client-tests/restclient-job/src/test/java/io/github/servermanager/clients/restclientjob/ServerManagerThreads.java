package io.github.servermanager.clients.restclientjob;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The threads the starter names {@code server-manager-...} (rebalances, client pings, the
 * idle-connection reaper), as the JVM has them now.
 */
final class ServerManagerThreads {

	private static final String PREFIX = "server-manager-";

	private ServerManagerThreads() {
	}

	/**
	 * Returns the names of the live threads of the starter.
	 * @return their names, sorted
	 */
	static List<String> live() {
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
	static void awaitNoneLive() {
		await().atMost(Duration.ofSeconds(5))
			.pollInterval(Duration.ofMillis(50))
			.untilAsserted(() -> assertThat(live()).as("live threads named %s...", PREFIX).isEmpty());
	}

}
