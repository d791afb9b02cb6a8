package io.github.servermanager.integration.kubernetes;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import io.github.servermanager.loadbalancer.ServerManagerServiceInstanceListSupplier;
import io.github.servermanager.testsupport.Backend;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.cloud.client.ServiceInstance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The starter with Spring Cloud Kubernetes in its default {@code POD} mode, against
 * fabric8's mock API server: the client learns the pods of service {@code backend} from
 * its Endpoints through the fabric8 discovery client, and hears of changes through the
 * catalog watch's {@code HeartbeatEvent}s.
 * <p>
 * One API server serves the class; each test creates the service with three pods and
 * starts a client of its own, so that no test sees another's changes.
 */
class KubernetesPodModeTests {

	private static final String SERVICE = "backend";

	/**
	 * A catalog watch round (200 ms) and one membership pull, with room for a CI machine
	 * whose cores are all busy: a few hundred milliseconds on an idle one. Membership
	 * refresh is ten minutes: only the watch's heartbeats fit in it.
	 */
	private static final Duration WATCH_TIMEOUT = Duration.ofSeconds(20);

	private static final int CALLS = 20;

	private static KubernetesMockCluster cluster;

	private final List<Backend> backends = new ArrayList<>();

	private KubernetesClientApplication client;

	@BeforeAll
	static void startApiServer() {
		cluster = KubernetesMockCluster.start();
	}

	@AfterAll
	static void stopApiServer() throws IOException {
		if (cluster != null) {
			cluster.close();
		}
	}

	@BeforeEach
	void startPodsAndClient() throws IOException {
		for (int i = 1; i <= 3; i++) {
			this.backends.add(Backend.start(SERVICE + "-" + i));
		}
		cluster.createService(SERVICE, 80, this.backends);
		this.client = KubernetesClientApplication.start(cluster, "POD");
	}

	@AfterEach
	void stopClientAndPods() {
		if (this.client != null) {
			this.client.close();
		}
		cluster.deleteService(SERVICE);
		this.backends.forEach(Backend::stop);
	}

	@Test
	void sendsEveryCallToOnePodThroughTheStarter() {
		awaitServers(3);
		assertThat(this.client.supplierChain(SERVICE)).contains(ServerManagerServiceInstanceListSupplier.class);
		assertThat(managedServers()).extracting(ServiceInstance::getHost).containsOnly("127.0.0.1");
		assertThat(managedServers()).extracting(ServiceInstance::getPort)
			.containsExactlyInAnyOrderElementsOf(this.backends.stream().map(Backend::port).toList());
		String front = this.client.instanceIds(SERVICE).get(0);

		assertThat(callRepeatedly()).hasSize(CALLS).containsOnly(front);
		assertThat(backend(front).requests()).isEqualTo(CALLS);
	}

	@Test
	void movesToAnotherPodAtOnceWhenThePodInFrontStops() {
		awaitServers(3);
		String front = this.client.call(SERVICE);
		// The pod stops answering but is still in the Endpoints, as when it crashed and
		// Kubernetes has not yet seen its readiness probe fail.
		backend(front).stop();

		int failed = 0;
		List<String> servedBy = new ArrayList<>();
		for (int i = 0; i < CALLS; i++) {
			try {
				servedBy.add(this.client.call(SERVICE));
			}
			catch (RuntimeException ex) {
				failed++;
			}
		}

		// The first call to meet the dead pod moves it to the back. Spring Cloud
		// Kubernetes'
		// config module brings Spring Retry, so load-balancer retry is on and that call
		// is
		// retried on the next pod: none fails. Without Spring Retry, that one call would.
		assertThat(failed).isLessThanOrEqualTo(1);
		assertThat(servedBy).hasSize(CALLS - failed).doesNotContain(front);
		assertThat(servedBy.stream().distinct()).hasSize(1);
		assertThat(this.client.instanceIds(SERVICE)).hasSize(3).endsWith(front);
	}

	@Test
	void followsPodsAddedToAndRemovedFromTheEndpointsThroughTheCatalogWatch() throws IOException {
		awaitServers(3);
		String front = this.client.call(SERVICE);
		int heartbeats = this.client.heartbeats();

		Backend added = Backend.start(SERVICE + "-4");
		this.backends.add(added);
		cluster.addPod(SERVICE, added);

		await().atMost(WATCH_TIMEOUT)
			.untilAsserted(() -> assertThat(managedInstanceIds()).hasSize(4).contains(added.name()));
		assertThat(this.client.heartbeats()).isGreaterThan(heartbeats);
		assertThat(callRepeatedly()).containsOnly(front);

		Backend removed = this.backends.stream().filter((b) -> !b.name().equals(front)).findFirst().orElseThrow();
		cluster.removePod(SERVICE, removed);

		await().atMost(WATCH_TIMEOUT)
			.untilAsserted(() -> assertThat(managedInstanceIds()).hasSize(3).doesNotContain(removed.name()));
		assertThat(callRepeatedly()).containsOnly(front);
		assertThat(removed.requests()).isZero();
	}

	private void awaitServers(int count) {
		// Asking for the instances starts the service's load balancer, and with it its
		// server manager, which pulls membership from the discovery client.
		await().atMost(WATCH_TIMEOUT).untilAsserted(() -> assertThat(this.client.instanceIds(SERVICE)).hasSize(count));
		assertThat(this.client.managed(SERVICE)).isPresent();
		assertThat(managedServers()).hasSize(count);
	}

	private List<ServiceInstance> managedServers() {
		return this.client.managed(SERVICE).orElseThrow().manager().servers();
	}

	private List<String> managedInstanceIds() {
		return managedServers().stream().map(ServiceInstance::getInstanceId).toList();
	}

	private Backend backend(String name) {
		return this.backends.stream().filter((b) -> b.name().equals(name)).findFirst().orElseThrow();
	}

	private List<String> callRepeatedly() {
		return IntStream.range(0, CALLS).mapToObj((i) -> this.client.call(SERVICE)).toList();
	}

}
