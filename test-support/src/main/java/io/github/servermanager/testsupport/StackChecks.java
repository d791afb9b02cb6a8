package io.github.servermanager.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What every module standing for one application stack checks: its class path, a stopped
 * front costs at most one failed request, and the starter's threads run while it runs.
 */
public final class StackChecks {

	private static final String FAILED = "(failed)";

	private StackChecks() {
	}

	/**
	 * Asserts that classes are on the class path.
	 * @param classNames the classes
	 */
	public static void assertOnClassPath(String... classNames) {
		for (String className : classNames) {
			assertThat(isPresent(className)).as("%s on the class path", className).isTrue();
		}
	}

	/**
	 * Asserts that classes are not on the class path.
	 * @param classNames the classes
	 */
	public static void assertNotOnClassPath(String... classNames) {
		for (String className : classNames) {
			assertThat(isPresent(className)).as("%s on the class path", className).isFalse();
		}
	}

	/**
	 * Stops the server in front and asserts that, of the next five requests, at most the
	 * first failed and every other went to one other server.
	 * @param backends the servers of the service
	 * @param whoami sends one request and returns the name of the server that answered
	 * @throws Exception when the first request fails
	 */
	public static void assertStoppedFrontFailsAtMostOneRequest(Backends backends, Callable<String> whoami)
			throws Exception {
		String front = whoami.call();
		backends.named(front).stop();
		List<String> outcomes = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			try {
				outcomes.add(whoami.call());
			}
			catch (Exception ex) {
				outcomes.add(FAILED);
			}
		}
		List<String> afterFailover = outcomes.get(0).equals(FAILED) ? outcomes.subList(1, outcomes.size()) : outcomes;
		assertThat(afterFailover).as("outcomes %s", outcomes)
			.hasSizeGreaterThanOrEqualTo(4)
			.doesNotContain(front, FAILED);
		assertThat(new HashSet<>(afterFailover)).as("outcomes %s", outcomes).hasSize(1);
	}

	/**
	 * Waits for a worker thread of the starter to run, as the first rebalance starts one.
	 */
	public static void awaitWorkerLive() {
		await().atMost(Duration.ofSeconds(10))
			.until(() -> StarterThreads.live().stream().anyMatch((name) -> name.startsWith("server-manager-worker-")));
	}

	private static boolean isPresent(String className) {
		try {
			Class.forName(className, false, StackChecks.class.getClassLoader());
			return true;
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return false;
		}
	}

}
