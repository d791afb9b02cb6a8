package io.github.servermanager.loadbalancer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.github.servermanager.core.ApertureSelection;
import io.github.servermanager.core.ClientRank;
import io.github.servermanager.core.FrontSelection;
import io.github.servermanager.service.ManagedService;
import io.github.servermanager.service.ServerManagerClock;
import io.github.servermanager.service.ServiceSettings;
import io.github.servermanager.service.ServerManagerRegistry;
import io.github.servermanager.discovery.ServiceInstanceKeys;
import io.github.servermanager.service.TestServices;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.DefaultRequest;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * How the supplier keeps its manager in step with discovery and what it emits.
 */
class ServerManagerServiceInstanceListSupplierTests {

	private final Discovery discovery = new Discovery(TestServices.instances(3));

	private final ServerManagerRegistry registry = new ServerManagerRegistry();

	private final AtomicReference<@Nullable Boolean> secure = new AtomicReference<>();

	private final ManagedService service = TestServices.service();

	private final ServerManagerServiceInstanceListSupplier supplier = new ServerManagerServiceInstanceListSupplier(
			this.discovery, this.service, this.registry, this.secure::get, () -> {
			}, TestServices.EXECUTOR);

	@AfterEach
	void stop() throws Exception {
		this.supplier.destroy();
	}

	@Test
	void emitsTheInstancesDiscoveryReportedInTheManagersOrder() throws Exception {
		started();
		List<ServiceInstance> emitted = this.supplier.get().blockFirst();
		assertThat(emitted).containsExactlyElementsOf(this.service.manager().servers());
		assertThat(emitted).allSatisfy((instance) -> assertThat(this.discovery.instances.get())
			.anySatisfy((i) -> assertThat(i).isSameAs(instance)));
	}

	@Test
	void rotatedFrontShowsInTheNextEmission() throws Exception {
		started();
		ServiceInstance front = this.supplier.get().blockFirst().get(0);
		this.service.rotateFront();
		assertThat(this.supplier.get().blockFirst()).last().isSameAs(front);
	}

	@Test
	void withAnApertureEachEmissionPutsOneOfItsServersFirstInProportionToItsShare() throws Exception {
		// The only caller of 3 servers: a slice of the whole ring, a third each.
		ApertureSelection<ServiceInstance> aperture = new ApertureSelection<>(ServiceInstanceKeys::keyOf,
				() -> new ClientRank(0, 1), () -> 0L, 64, FrontSelection.random(new SplittableRandom(1)),
				Duration.ofMinutes(2));
		ManagedService spread = new ManagedService(TestServices.SERVICE, ServiceSettings.defaults(), (instance) -> true,
				() -> 1, List.of(), TestServices.EXECUTOR, ServerManagerClock.SYSTEM, new SplittableRandom(1),
				aperture);
		ServerManagerServiceInstanceListSupplier apertureSupplier = new ServerManagerServiceInstanceListSupplier(
				this.discovery, spread, new ServerManagerRegistry(), () -> null, () -> {
				}, TestServices.EXECUTOR);
		FrontServerLoadBalancer balancer = new FrontServerLoadBalancer(
				new StaticListableBeanFactory(Map.of("supplier", apertureSupplier))
					.getBeanProvider(ServiceInstanceListSupplier.class),
				TestServices.SERVICE);
		try {
			apertureSupplier.afterPropertiesSet();
			await().atMost(Duration.ofSeconds(5)).until(() -> spread.manager().aperture().size() == 3);
			Map<String, Integer> chosen = new HashMap<>();
			for (int i = 0; i < 300; i++) {
				List<ServiceInstance> emitted = apertureSupplier.get().blockFirst();
				assertThat(emitted).hasSize(3).doesNotHaveDuplicates();
				ServiceInstance instance = balancer.choose(new DefaultRequest<>()).block().getServer();
				chosen.merge(ServiceInstanceKeys.keyOf(instance), 1, Integer::sum);
			}
			assertThat(chosen).hasSize(3).allSatisfy((key, count) -> assertThat(count).isBetween(95, 105));
		}
		finally {
			apertureSupplier.destroy();
		}
	}

	@Test
	void requestsAfterTheFirstPullDoNotCallDiscovery() throws Exception {
		started();
		int calls = this.discovery.calls.get();
		for (int i = 0; i < 10; i++) {
			this.supplier.get(new DefaultRequest<>()).blockFirst();
		}
		assertThat(this.discovery.calls).hasValue(calls);
	}

	@Test
	void aRequestDuringTheFirstPullWaitsForItRatherThanOrderTheServersItself() throws Exception {
		CountDownLatch ranking = new CountDownLatch(1);
		CountDownLatch ranked = new CountDownLatch(1);
		ManagedService waiting = TestServices.service();
		ServerManagerServiceInstanceListSupplier starting = new ServerManagerServiceInstanceListSupplier(this.discovery,
				waiting, new ServerManagerRegistry(), () -> null, () -> {
					ranking.countDown();
					hold(ranked);
				}, TestServices.EXECUTOR);
		try {
			starting.afterPropertiesSet();
			assertThat(ranking.await(5, TimeUnit.SECONDS)).isTrue();
			CompletableFuture<List<ServiceInstance>> request = starting.get(new DefaultRequest<>()).next().toFuture();
			assertThat(request).isNotDone();
			assertThat(this.discovery.calls).hasValue(0);
			ranked.countDown();
			assertThat(request.get(5, TimeUnit.SECONDS)).hasSize(3);
			assertThat(this.discovery.calls).hasValue(1);
			assertThat(this.discovery.requests).isEmpty();
		}
		finally {
			ranked.countDown();
			starting.destroy();
		}
	}

	private static void hold(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Test
	void requestBeforeTheFirstPullGoesToDiscoveryWithTheRequest() {
		DefaultRequest<Object> request = new DefaultRequest<>();
		assertThat(this.supplier.get(request).blockFirst()).hasSize(3);
		assertThat(this.discovery.requests).containsExactly(request);
	}

	@Test
	void refreshMergesServersAddedAndRemoved() throws Exception {
		started();
		List<ServiceInstance> next = new ArrayList<>(this.discovery.instances.get().subList(1, 3));
		next.add(TestServices.instance("s9", 9009));
		this.discovery.instances.set(next);
		this.supplier.refreshMembership();
		await().atMost(Duration.ofSeconds(5))
			.until(() -> this.service.manager().servers().stream().map(ServiceInstanceKeys::keyOf).toList(),
					(keys) -> keys.size() == 3 && keys.contains("s9") && !keys.contains("s1"));
	}

	@Test
	void emptyDiscoveryKeepsTheServersLastKnown() throws Exception {
		started();
		this.discovery.instances.set(List.of());
		int calls = this.discovery.calls.get();
		this.supplier.refreshMembership();
		await().atMost(Duration.ofSeconds(5)).until(() -> this.discovery.calls.get() > calls);
		assertThat(this.supplier.get().blockFirst()).hasSize(3);
	}

	@Test
	void secureOverrideIsAppliedAndLiftedAtRuntime() throws Exception {
		this.secure.set(true);
		started();
		assertThat(this.supplier.get().blockFirst()).allSatisfy((instance) -> {
			assertThat(instance.isSecure()).isTrue();
			assertThat(instance.getUri().getScheme()).isEqualTo("https");
			assertThat(((SecureOverrideServiceInstance) instance).getDelegate().isSecure()).isFalse();
		});
		this.secure.set(null);
		this.registry.refreshSecureOverrides();
		assertThat(this.supplier.get().blockFirst()).allSatisfy((instance) -> assertThat(this.discovery.instances.get())
			.anySatisfy((original) -> assertThat(original).isSameAs(instance)));
	}

	@Test
	void startRegistersTheServiceAndDestroyRemovesIt() throws Exception {
		started();
		assertThat(this.registry.find(TestServices.SERVICE)).containsSame(this.service);
		this.supplier.destroy();
		assertThat(this.registry.find(TestServices.SERVICE)).isEmpty();
	}

	@Test
	void heartbeatThroughTheRegistryPullsMembership() throws Exception {
		started();
		this.discovery.instances.set(TestServices.instances(4));
		this.registry.refreshMembership();
		await().atMost(Duration.ofSeconds(5)).until(() -> this.service.manager().numServers() == 4);
	}

	private void started() throws Exception {
		this.supplier.afterPropertiesSet();
		await().atMost(Duration.ofSeconds(5)).until(() -> this.service.manager().numServers() == 3);
	}

	/** A discovery-backed supplier whose instances tests change. */
	static final class Discovery implements ServiceInstanceListSupplier {

		final AtomicReference<List<ServiceInstance>> instances;

		final AtomicInteger calls = new AtomicInteger();

		final List<Request<?>> requests = new CopyOnWriteArrayList<>();

		Discovery(List<ServiceInstance> instances) {
			this.instances = new AtomicReference<>(instances);
		}

		@Override
		public String getServiceId() {
			return TestServices.SERVICE;
		}

		@Override
		public Flux<List<ServiceInstance>> get() {
			return Flux.defer(() -> {
				this.calls.incrementAndGet();
				return Flux.just(this.instances.get());
			});
		}

		@Override
		public Flux<List<ServiceInstance>> get(Request request) {
			this.requests.add(request);
			return get();
		}

	}

}
