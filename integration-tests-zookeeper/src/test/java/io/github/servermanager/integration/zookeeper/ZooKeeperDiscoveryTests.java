package io.github.servermanager.integration.zookeeper;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import io.github.servermanager.loadbalancer.ServerManagerServiceInstanceListSupplier;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The starter against a real ZooKeeper, started in the test JVM on a random port by
 * Curator's {@link TestingServer}: backends register as Spring Cloud Zookeeper
 * applications do, and a client application finds them only through Spring Cloud
 * Zookeeper Discovery, whose watch of {@code /services} publishes the heartbeats on which
 * the server manager pulls membership.
 * <p>
 * One ZooKeeper and one client serve the whole class; each test registers its own
 * backends under a service id of its own, so that no test sees another's changes.
 */
class ZooKeeperDiscoveryTests {

	/** A watch event and one membership pull, with room for a slow CI. */
	private static final Duration DISCOVERY_TIMEOUT = Duration.ofSeconds(20);

	private static final int CALLS = 20;

	private static TestingServer zooKeeper;

	private static ZooKeeperClientApplication client;

	private final List<ZooKeeperBackend> backends = new ArrayList<>();

	@BeforeAll
	static void startZooKeeperAndClient() throws Exception {
		zooKeeper = new TestingServer(true);
		client = ZooKeeperClientApplication.start(zooKeeper.getConnectString());
	}

	@AfterAll
	static void stopZooKeeperAndClient() throws Exception {
		if (client != null) {
			client.close();
		}
		if (zooKeeper != null) {
			zooKeeper.close();
		}
	}

	@AfterEach
	void stopBackends() throws Exception {
		for (ZooKeeperBackend backend : this.backends) {
			backend.close();
		}
	}

	@Test
	void discoversEveryBackendRegisteredInZooKeeper(TestInfo test) throws Exception {
		String service = serviceId(test);
		startBackends(service, 3);

		await().atMost(DISCOVERY_TIMEOUT)
			.untilAsserted(() -> assertThat(client.instanceIds(service))
				.containsExactlyInAnyOrder(instanceId(service, 1), instanceId(service, 2), instanceId(service, 3)));
		assertThat(client.supplierType(service)).isEqualTo(ServerManagerServiceInstanceListSupplier.class);
	}

	@Test
	void sendsEveryCallToTheFrontBackend(TestInfo test) throws Exception {
		String service = serviceId(test);
		startBackends(service, 3);
		awaitDiscovered(service, 3);
		String front = client.instanceIds(service).get(0);

		assertThat(callRepeatedly(service)).containsOnly(front).hasSize(CALLS);
	}

	@Test
	void movesToAnotherBackendAndSticksToItWhenTheFrontStopsAnswering(TestInfo test) throws Exception {
		String service = serviceId(test);
		startBackends(service, 3);
		awaitDiscovered(service, 3);
		String front = client.call(service);
		backend(front).stopServing();

		// Without Spring Retry the call that meets the dead server fails for the caller,
		// and moves that server to the end of the list.
		int failed = 0;
		List<String> servedBy = new ArrayList<>();
		for (int i = 0; i < CALLS; i++) {
			try {
				servedBy.add(client.call(service));
			}
			catch (RuntimeException ex) {
				failed++;
			}
		}

		assertThat(failed).isOne();
		assertThat(servedBy).doesNotContain(front).hasSize(CALLS - 1);
		assertThat(servedBy.stream().distinct()).hasSize(1);
		assertThat(client.instanceIds(service)).endsWith(front);
	}

	@Test
	void picksUpABackendThatRegistersLater(TestInfo test) throws Exception {
		String service = serviceId(test);
		startBackends(service, 2);
		awaitDiscovered(service, 2);

		ZooKeeperBackend newcomer = startBackend(service, 3);

		await().atMost(DISCOVERY_TIMEOUT)
			.untilAsserted(() -> assertThat(client.instanceIds(service)).hasSize(3).contains(newcomer.instanceId()));
	}

	@Test
	void dropsABackendThatDeregisters(TestInfo test) throws Exception {
		String service = serviceId(test);
		startBackends(service, 3);
		awaitDiscovered(service, 3);
		ZooKeeperBackend leaving = this.backends.remove(0);

		leaving.close();

		await().atMost(DISCOVERY_TIMEOUT)
			.untilAsserted(
					() -> assertThat(client.instanceIds(service)).hasSize(2).doesNotContain(leaving.instanceId()));
		assertThat(callRepeatedly(service)).doesNotContain(leaving.instanceId());
	}

	@Test
	void keepsItsFrontAndFollowsMembershipAfterItsOwnSessionExpires(TestInfo test) throws Exception {
		String service = serviceId(test);
		startBackends(service, 2);
		awaitDiscovered(service, 2);
		String front = client.call(service);

		client.expireSession();
		await().atMost(DISCOVERY_TIMEOUT).until(client::isConnected);

		// The list survived the lost session: the same front, no failed call.
		assertThat(callRepeatedly(service)).containsOnly(front);
		// And the watch works on the new session.
		ZooKeeperBackend newcomer = startBackend(service, 3);
		await().atMost(DISCOVERY_TIMEOUT)
			.untilAsserted(() -> assertThat(client.instanceIds(service)).hasSize(3).contains(newcomer.instanceId()));
		assertThat(callRepeatedly(service)).containsOnly(front);
	}

	@Test
	void backendWhoseSessionExpiresIsBackInTheListOnceItRegistersAgain(TestInfo test) throws Exception {
		String service = serviceId(test);
		startBackends(service, 3);
		awaitDiscovered(service, 3);
		ZooKeeperBackend expiring = this.backends.get(1);

		expiring.expireSession();

		// ZooKeeper deletes its ephemeral registration; Curator registers it again on
		// the backend's new session.
		await().atMost(DISCOVERY_TIMEOUT)
			.untilAsserted(() -> assertThat(client.instanceIds(service))
				.containsExactlyInAnyOrder(instanceId(service, 1), instanceId(service, 2), instanceId(service, 3)));
		assertThat(callRepeatedly(service).stream().distinct()).hasSize(1);
	}

	private void startBackends(String service, int count) throws Exception {
		for (int i = 1; i <= count; i++) {
			startBackend(service, i);
		}
	}

	private ZooKeeperBackend startBackend(String service, int number) throws Exception {
		ZooKeeperBackend backend = ZooKeeperBackend.start(zooKeeper.getConnectString(), service,
				instanceId(service, number));
		this.backends.add(backend);
		return backend;
	}

	private void awaitDiscovered(String service, int count) {
		await().atMost(DISCOVERY_TIMEOUT).untilAsserted(() -> assertThat(client.instanceIds(service)).hasSize(count));
	}

	private ZooKeeperBackend backend(String instanceId) {
		return this.backends.stream()
			.filter((backend) -> backend.instanceId().equals(instanceId))
			.findFirst()
			.orElseThrow();
	}

	private static List<String> callRepeatedly(String service) {
		return IntStream.range(0, CALLS).mapToObj((i) -> client.call(service)).toList();
	}

	private static String serviceId(TestInfo test) {
		String method = test.getTestMethod().orElseThrow().getName();
		return "svc-" + Integer.toHexString(method.hashCode());
	}

	private static String instanceId(String service, int number) {
		return service + "-" + number;
	}

}
