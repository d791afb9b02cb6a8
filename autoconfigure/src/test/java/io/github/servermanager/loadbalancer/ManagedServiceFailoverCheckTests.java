package io.github.servermanager.loadbalancer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.github.servermanager.service.FailureReason;
import io.github.servermanager.service.ManagedService;
import io.github.servermanager.service.ServerManagerClock;
import io.github.servermanager.service.ServiceSettings;
import io.github.servermanager.service.TestServices;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A failure that moves the front starts a check of the new front; requests that arrive
 * meanwhile wait for it.
 */
class ManagedServiceFailoverCheckTests {

	private final Set<String> down = ConcurrentHashMap.newKeySet();

	private final List<String> pinged = new CopyOnWriteArrayList<>();

	/** Released to let a ping of the instance it is keyed by return. */
	private final Map<String, CountDownLatch> held = new ConcurrentHashMap<>();

	private final List<ServiceInstance> instances = TestServices.instances(4);

	@AfterEach
	void releaseHeldPings() {
		this.held.values().forEach(CountDownLatch::countDown);
	}

	@Test
	void aFailureMovesPastEveryServerThatDoesNotAnswerAndKeepsTheOrderOtherwise() {
		ManagedService service = service(ServiceSettings.defaults());
		List<ServiceInstance> before = service.manager().servers();
		this.down.add(before.get(1).getInstanceId());
		this.down.add(before.get(2).getInstanceId());
		service.reportFailure(before.get(0), FailureReason.EXCEPTION, "ConnectException");
		await().atMost(Duration.ofSeconds(5)).until(() -> service.failoverCheckInProgress() == null);
		assertThat(service.manager().servers()).containsExactly(before.get(3), before.get(0), before.get(1),
				before.get(2));
		assertThat(this.pinged).containsExactly(before.get(1).getInstanceId(), before.get(2).getInstanceId(),
				before.get(3).getInstanceId());
		assertThat(service.failovers()).isEqualTo(3);
		assertThat(service.lastFailure().reason()).isEqualTo(FailureReason.EXCEPTION);
	}

	@Test
	void aNewFrontThatAnswersStaysWithOnePing() {
		ManagedService service = service(ServiceSettings.defaults());
		List<ServiceInstance> before = service.manager().servers();
		service.reportFailure(before.get(0), FailureReason.STATUS, "503");
		await().atMost(Duration.ofSeconds(5)).until(() -> service.failoverCheckInProgress() == null);
		assertThat(service.manager().findServer()).isEqualTo(before.get(1));
		assertThat(this.pinged).containsExactly(before.get(1).getInstanceId());
	}

	@Test
	void turnedOffTheNextServerIsTrustedUntilTheNextRebalanceAsConsulDoes() {
		ManagedService service = service(ServiceSettings.defaults().withFailoverCheckWait(Duration.ZERO));
		List<ServiceInstance> before = service.manager().servers();
		this.down.add(before.get(1).getInstanceId());
		service.reportFailure(before.get(0), FailureReason.EXCEPTION, "ConnectException");
		assertThat(service.failoverCheckInProgress()).isNull();
		assertThat(service.manager().findServer()).isEqualTo(before.get(1));
		assertThat(this.pinged).isEmpty();
	}

	@Test
	void aRequestArrivingDuringTheCheckWaitsForItsAnswer() throws Exception {
		ManagedService service = service(ServiceSettings.defaults());
		List<ServiceInstance> before = service.manager().servers();
		String next = before.get(1).getInstanceId();
		this.down.add(next);
		CountDownLatch release = hold(next);
		ServerManagerServiceInstanceListSupplier supplier = syncedSupplier(service);
		service.reportFailure(before.get(0), FailureReason.EXCEPTION, "ConnectException");
		await().atMost(Duration.ofSeconds(5)).until(() -> this.pinged.contains(next));
		var served = supplier.get().next().toFuture();
		assertThat(served).isNotDone();
		release.countDown();
		assertThat(served.get(5, TimeUnit.SECONDS).get(0)).isEqualTo(before.get(2));
	}

	@Test
	void aRequestWaitsNoLongerThanTheBoundThenGoesToTheUncheckedFront() throws Exception {
		ManagedService service = service(ServiceSettings.defaults().withFailoverCheckWait(Duration.ofMillis(50)));
		List<ServiceInstance> before = service.manager().servers();
		String next = before.get(1).getInstanceId();
		hold(next);
		ServerManagerServiceInstanceListSupplier supplier = syncedSupplier(service);
		service.reportFailure(before.get(0), FailureReason.EXCEPTION, "ConnectException");
		await().atMost(Duration.ofSeconds(5)).until(() -> this.pinged.contains(next));
		assertThat(supplier.get().next().toFuture().get(5, TimeUnit.SECONDS).get(0)).isEqualTo(before.get(1));
		// The check itself is still held: only the wait ended.
		assertThat(this.pinged).containsExactly(next);
	}

	@Test
	void aSecondFailureDuringTheCheckStartsNoSecondCheck() {
		ManagedService service = service(ServiceSettings.defaults());
		List<ServiceInstance> before = service.manager().servers();
		String next = before.get(1).getInstanceId();
		CountDownLatch release = hold(next);
		service.reportFailure(before.get(0), FailureReason.EXCEPTION, "ConnectException");
		await().atMost(Duration.ofSeconds(5)).until(() -> this.pinged.contains(next));
		service.reportFailure(before.get(1), FailureReason.EXCEPTION, "ConnectException");
		release.countDown();
		await().atMost(Duration.ofSeconds(5)).until(() -> service.failoverCheckInProgress() == null);
		// The running check found the front moved under it and stopped: one ping only.
		assertThat(this.pinged).containsExactly(next);
		assertThat(service.manager().findServer()).isEqualTo(before.get(2));
	}

	@Test
	void onceACheckFoundNoServerAnsweringFailuresRotateWithoutPingsUntilARebalanceFindsOne() {
		ManagedService service = service(ServiceSettings.defaults());
		List<ServiceInstance> before = service.manager().servers();
		this.instances.forEach((instance) -> this.down.add(instance.getInstanceId()));
		service.reportFailure(before.get(0), FailureReason.EXCEPTION, "ConnectException");
		await().atMost(Duration.ofSeconds(5)).until(() -> service.failoverCheckInProgress() == null);
		assertThat(this.pinged).hasSize(4);
		// Re-checked as an offline service is: 5 s plus a stagger, not minutes.
		assertThat(service.rebalanceInterval()).isLessThanOrEqualTo(Duration.ofMillis(7500));
		service.reportFailure(service.manager().findServer(), FailureReason.EXCEPTION, "ConnectException");
		assertThat(service.failoverCheckInProgress()).isNull();
		assertThat(this.pinged).hasSize(4);
		this.down.clear();
		service.rebalanceNow();
		this.pinged.clear();
		service.reportFailure(service.manager().findServer(), FailureReason.EXCEPTION, "ConnectException");
		await().atMost(Duration.ofSeconds(5)).until(() -> this.pinged.size() == 1);
	}

	private CountDownLatch hold(String instanceId) {
		CountDownLatch latch = new CountDownLatch(1);
		this.held.put(instanceId, latch);
		return latch;
	}

	private ManagedService service(ServiceSettings settings) {
		ManagedService service = new ManagedService(TestServices.SERVICE, settings, (instance) -> {
			this.pinged.add(instance.getInstanceId());
			CountDownLatch latch = this.held.get(instance.getInstanceId());
			if (latch != null) {
				latch.await(10, TimeUnit.SECONDS);
			}
			return !this.down.contains(instance.getInstanceId());
		}, () -> 1, List.of(), TestServices.EXECUTOR, ServerManagerClock.SYSTEM, new SplittableRandom(7), null);
		service.manager().syncServers(this.instances);
		return service;
	}

	private ServerManagerServiceInstanceListSupplier syncedSupplier(ManagedService service) {
		ServiceInstanceListSupplier delegate = new ServerManagerServiceInstanceListSupplierTests.Discovery(
				this.instances);
		ServerManagerServiceInstanceListSupplier supplier = new ServerManagerServiceInstanceListSupplier(delegate,
				service, TestServices.registryWith(service), () -> null, () -> {
				}, TestServices.EXECUTOR);
		supplier.get().blockFirst(Duration.ofSeconds(5));
		return supplier;
	}

}
