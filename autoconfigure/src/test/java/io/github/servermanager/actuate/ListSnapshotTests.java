package io.github.servermanager.actuate;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.servermanager.core.Aperture;
import io.github.servermanager.core.ClientRank;
import io.github.servermanager.core.ServerManager;
import io.github.servermanager.discovery.ServiceInstanceKeys;
import org.junit.jupiter.api.Test;

import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How a snapshot pairs a list with its aperture when a write lands between the two reads,
 * from the lists and apertures of a real manager.
 */
class ListSnapshotTests {

	private final ServerManager<ServiceInstance> manager = ServerManager
		.<ServiceInstance>builder(ServiceInstanceKeys::keyOf)
		.frontSelection(RunningService.aperture(new ClientRank(1, 3)))
		.build();

	@Test
	void aPairThatDisagreesIsReadAgain() {
		this.manager.syncServers(instances());
		List<ServiceInstance> before = this.manager.servers();
		assertThat(this.manager.aperture().size()).isEqualTo(3);
		this.manager.notifyFailedServer(before.get(0));
		List<ServiceInstance> after = this.manager.servers();
		Aperture<ServiceInstance> aperture = this.manager.aperture();
		assertThat(aperture.size()).isEqualTo(2);
		// The list was read before the rotation, the aperture after it.
		Deque<List<ServiceInstance>> lists = new ArrayDeque<>(List.of(before, after));
		ListSnapshot snapshot = ListSnapshot.of(lists::poll, () -> aperture);
		assertThat(snapshot.servers()).isSameAs(after);
		assertThat(snapshot.aperture()).isSameAs(aperture);
		assertThat(snapshot.front()).isSameAs(after.get(0));
	}

	@Test
	void aPairThatAgreesIsKeptAtOnce() {
		this.manager.syncServers(instances());
		AtomicInteger reads = new AtomicInteger();
		ListSnapshot snapshot = ListSnapshot.of(() -> {
			reads.incrementAndGet();
			return this.manager.servers();
		}, this.manager::aperture);
		assertThat(reads).hasValue(1);
		assertThat(snapshot.aperture().servers()).isEqualTo(snapshot.servers().subList(0, 3));
	}

	@Test
	void readsStopAfterAFewPairsThatDisagree() {
		this.manager.syncServers(instances());
		List<ServiceInstance> before = this.manager.servers();
		this.manager.notifyFailedServer(before.get(0));
		Aperture<ServiceInstance> aperture = this.manager.aperture();
		AtomicInteger reads = new AtomicInteger();
		ListSnapshot snapshot = ListSnapshot.of(() -> {
			reads.incrementAndGet();
			return before;
		}, () -> aperture);
		assertThat(reads).hasValue(ListSnapshot.ATTEMPTS);
		assertThat(snapshot.servers()).isSameAs(before);
	}

	@Test
	void aManagerWithoutServersHasNoFront() {
		ListSnapshot snapshot = ListSnapshot.of(this.manager);
		assertThat(snapshot.servers()).isEmpty();
		assertThat(snapshot.aperture().size()).isZero();
		assertThat(snapshot.front()).isNull();
	}

	private static List<ServiceInstance> instances() {
		return List.of(instance("s1"), instance("s2"), instance("s3"), instance("s4"), instance("s5"));
	}

	private static ServiceInstance instance(String id) {
		return new DefaultServiceInstance(id, "svc", "127.0.0.1", 9000 + id.charAt(1), false);
	}

}
