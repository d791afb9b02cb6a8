package io.github.servermanager.integration.eureka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The starter against a real Eureka server: backends register as real Eureka clients, and
 * a client application finds them only through Eureka.
 * <p>
 * One Eureka server and one client serve the whole class; each test registers its own
 * backends under a service id of its own, so that no test sees another's changes.
 */
class EurekaDiscoveryTests {

	/**
	 * Registration, one registry fetch and one membership pull, with room for a slow CI.
	 */
	private static final Duration DISCOVERY_TIMEOUT = Duration.ofSeconds(20);

	private static final int CALLS = 20;

	private static EurekaServer server;

	private static EurekaClientApplication client;

	private final List<EurekaBackend> backends = new ArrayList<>();

	@BeforeAll
	static void startEurekaAndClient() {
		server = EurekaServer.start();
		client = EurekaClientApplication.start(server);
	}

	@AfterAll
	static void stopEurekaAndClient() {
		if (client != null) {
			client.close();
		}
		if (server != null) {
			server.close();
		}
	}

	@AfterEach
	void stopBackends() {
		// A Eureka client takes about a second to deregister and shut down: do them
		// together.
		this.backends.parallelStream().forEach(EurekaBackend::close);
	}

	@Test
	void discoversEveryBackendRegisteredWithEureka(TestInfo test) {
		String service = serviceId(test);
		startBackends(service, 3);

		await().atMost(DISCOVERY_TIMEOUT)
			.untilAsserted(() -> assertThat(client.instanceIds(service))
				.containsExactlyInAnyOrder(instanceId(service, 1), instanceId(service, 2), instanceId(service, 3)));
	}

	@Test
	void sendsEveryCallToTheFrontBackend(TestInfo test) {
		String service = serviceId(test);
		startBackends(service, 3);
		awaitDiscovered(service, 3);
		String front = client.instanceIds(service).get(0);

		List<String> servedBy = callRepeatedly(service);

		assertThat(servedBy).containsOnly(front);
	}

	@Test
	void movesToAnotherBackendAndSticksToItWhenTheFrontStopsAnswering(TestInfo test) {
		String service = serviceId(test);
		startBackends(service, 3);
		awaitDiscovered(service, 3);
		String front = client.call(service);
		backend(front).stopServing();

		// Without Spring Retry on the classpath the call that meets the dead server fails
		// for the caller; the failure moves that server to the end of the list.
		await().atMost(DISCOVERY_TIMEOUT)
			.ignoreExceptions()
			.untilAsserted(() -> assertThat(client.call(service)).isNotEqualTo(front));
		String next = client.call(service);

		assertThat(callRepeatedly(service)).containsOnly(next);
		assertThat(client.instanceIds(service)).endsWith(front);
	}

	@Test
	void picksUpABackendThatRegistersLater(TestInfo test) {
		String service = serviceId(test);
		startBackends(service, 2);
		awaitDiscovered(service, 2);

		EurekaBackend newcomer = startBackend(service, 3);

		await().atMost(DISCOVERY_TIMEOUT)
			.untilAsserted(() -> assertThat(client.instanceIds(service)).hasSize(3).contains(newcomer.instanceId()));
	}

	@Test
	void dropsABackendThatDeregisters(TestInfo test) {
		String service = serviceId(test);
		startBackends(service, 3);
		awaitDiscovered(service, 3);
		EurekaBackend leaving = this.backends.get(0);

		leaving.close();

		await().atMost(DISCOVERY_TIMEOUT)
			.untilAsserted(
					() -> assertThat(client.instanceIds(service)).hasSize(2).doesNotContain(leaving.instanceId()));
	}

	private void startBackends(String service, int count) {
		IntStream.rangeClosed(1, count).forEach((n) -> startBackend(service, n));
	}

	private EurekaBackend startBackend(String service, int number) {
		EurekaBackend backend = EurekaBackend.start(server, service, instanceId(service, number));
		this.backends.add(backend);
		return backend;
	}

	private EurekaBackend backend(String instanceId) {
		return this.backends.stream()
			.filter((backend) -> backend.instanceId().equals(instanceId))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No backend " + instanceId + " among " + this.backends));
	}

	private void awaitDiscovered(String service, int count) {
		await().atMost(DISCOVERY_TIMEOUT).untilAsserted(() -> assertThat(client.instanceIds(service)).hasSize(count));
	}

	private List<String> callRepeatedly(String service) {
		return IntStream.range(0, CALLS).mapToObj((i) -> client.call(service)).toList();
	}

	/**
	 * A service id per test, from the method name: Eureka keeps application names in
	 * upper case, the load balancer looks them up in any case.
	 */
	private static String serviceId(TestInfo test) {
		String method = test.getTestMethod().orElseThrow().getName();
		return "svc-" + Integer.toHexString(method.hashCode());
	}

	private static String instanceId(String service, int number) {
		return service + "-b" + number;
	}

}
