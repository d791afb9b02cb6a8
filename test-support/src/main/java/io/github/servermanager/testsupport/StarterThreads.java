package io.github.servermanager.testsupport;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

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
	 * Returns the live threads of the starter, for a test that shares its JVM with others
	 * to compare against later.
	 * @return the threads
	 */
	public static Set<Thread> liveThreads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.isAlive() && thread.getName().startsWith(PREFIX))
			.collect(Collectors.toSet());
	}

	/**
	 * Waits a few seconds for the starter's threads to end, then fails naming those left.
	 */
	public static void awaitNoneLive() {
		awaitNoneLiveBut(Set.of());
	}

	/**
	 * Waits a few seconds for the starter's threads that were not alive before to end,
	 * then fails naming those left: other applications of the same JVM keep theirs.
	 * @param before the threads alive before, from {@link #liveThreads()}
	 * @param timeout how long to wait
	 */
	public static void awaitNoneLiveBut(Set<Thread> before, Duration timeout) {
		await().atMost(timeout)
			.pollInterval(Duration.ofMillis(50))
			.untilAsserted(() -> assertThat(
					liveThreads().stream().filter((thread) -> !before.contains(thread)).map(Thread::getName).toList())
				.as("live threads named %s...", PREFIX)
				.isEmpty());
	}

	/**
	 * Waits up to ten seconds for the starter's threads that were not alive before to
	 * end.
	 * @param before the threads alive before, from {@link #liveThreads()}
	 */
	public static void awaitNoneLiveBut(Set<Thread> before) {
		awaitNoneLiveBut(before, Duration.ofSeconds(10));
	}

}
