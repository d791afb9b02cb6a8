package io.github.servermanager.service;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.github.servermanager.core.Pinger;
import io.github.servermanager.core.RebalanceOutcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.cloud.client.ServiceInstance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * The tick hands due services to the pool, one rebalance per service at a time, and stops
 * cleanly.
 */
class RebalanceSchedulerTests {

	private final FakeClock clock = new FakeClock();

	private final ServerManagerRegistry registry = new ServerManagerRegistry();

	private final ServerManagerExecutor executor = new ServerManagerExecutor();

	private final RebalanceScheduler scheduler = new RebalanceScheduler(this.registry, this.executor,
			Duration.ofSeconds(1));

	private final CountDownLatch release = new CountDownLatch(1);

	@AfterEach
	void stop() throws Exception {
		this.release.countDown();
		this.executor.close();
	}

	@Test
	void dueServiceIsRebalancedOnAPoolThreadNotTheTickThread() {
		AtomicReference<String> pingThread = new AtomicReference<>();
		ManagedService service = registered((instance) -> {
			pingThread.set(Thread.currentThread().getName());
			return true;
		});
		this.clock.advance(Duration.ofMinutes(10));
		this.scheduler.tick();
		await().atMost(Duration.ofSeconds(5)).until(() -> service.lastRebalance() != null);
		assertThat(pingThread.get()).startsWith("server-manager-worker-")
			.isNotEqualTo(Thread.currentThread().getName());
	}

	@Test
	void serviceNotDueIsLeftAlone() {
		AtomicInteger pings = new AtomicInteger();
		ManagedService service = registered((instance) -> pings.incrementAndGet() > 0);
		this.scheduler.tick();
		assertThat(service.isDue()).isFalse();
		assertThat(service.lastRebalance()).isNull();
		assertThat(pings).hasValue(0);
	}

	@Test
	void neverTwoRebalancesAtOnceForOneService() throws Exception {
		AtomicInteger running = new AtomicInteger();
		AtomicInteger mostAtOnce = new AtomicInteger();
		AtomicInteger pings = new AtomicInteger();
		CountDownLatch entered = new CountDownLatch(1);
		ManagedService service = registered((instance) -> {
			mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
			pings.incrementAndGet();
			entered.countDown();
			try {
				return this.release.await(10, TimeUnit.SECONDS);
			}
			finally {
				running.decrementAndGet();
			}
		});
		this.clock.advance(Duration.ofMinutes(10));
		this.scheduler.tick();
		assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
		for (int i = 0; i < 5; i++) {
			this.scheduler.tick();
		}
		CompletableFuture<RebalanceOutcome> manual = CompletableFuture
			.supplyAsync(() -> service.rebalanceNow().outcome());
		assertThat(manual).isNotDone();
		this.release.countDown();
		assertThat(manual.get(5, TimeUnit.SECONDS)).isEqualTo(RebalanceOutcome.HEALTHY);
		assertThat(mostAtOnce).hasValue(1);
		assertThat(pings).hasValue(2);
	}

	@Test
	void hungServiceDoesNotStallOtherServices() throws Exception {
		CountDownLatch entered = new CountDownLatch(1);
		ManagedService hung = registered("hung", (instance) -> {
			entered.countDown();
			return this.release.await(1, TimeUnit.MINUTES);
		});
		ManagedService healthy = registered("healthy", (instance) -> true);
		this.clock.advance(Duration.ofMinutes(10));
		this.scheduler.tick();
		assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
		await().atMost(Duration.ofSeconds(5)).until(() -> healthy.lastRebalance() != null);
		assertThat(hung.lastRebalance()).isNull();
	}

	@Test
	void blackHoledServicesDoNotStallAHealthyOne() throws Exception {
		// More services whose pings hang than the two threads that once served all.
		int blackHoled = 4;
		CountDownLatch entered = new CountDownLatch(blackHoled);
		List<ManagedService> hung = new ArrayList<>();
		for (int i = 0; i < blackHoled; i++) {
			hung.add(registered("black-holed-" + i, (instance) -> {
				entered.countDown();
				return this.release.await(1, TimeUnit.MINUTES);
			}));
		}
		ManagedService healthy = registered("healthy", (instance) -> true);
		this.clock.advance(Duration.ofMinutes(10));
		this.scheduler.tick();
		assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
		await().atMost(Duration.ofSeconds(5)).until(() -> healthy.lastRebalance() != null);
		assertThat(healthy.lastRebalance().outcome()).isEqualTo(RebalanceOutcome.HEALTHY);
		assertThat(hung).allSatisfy((service) -> assertThat(service.lastRebalance()).isNull());
		this.release.countDown();
		await().atMost(Duration.ofSeconds(5))
			.until(() -> hung.stream().allMatch((service) -> service.lastRebalance() != null));
	}

	@Test
	void aDueServiceWaitsForATickWhenEveryThreadIsBusy() throws Exception {
		ServerManagerExecutor oneWorker = new ServerManagerExecutor(1);
		RebalanceScheduler oneThread = new RebalanceScheduler(this.registry, oneWorker, Duration.ofSeconds(1));
		try {
			CountDownLatch entered = new CountDownLatch(1);
			ManagedService hung = registered("hung", (instance) -> {
				entered.countDown();
				return this.release.await(1, TimeUnit.MINUTES);
			});
			this.clock.advance(Duration.ofMinutes(10));
			oneThread.tick();
			assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
			ManagedService waiting = registered("waiting", (instance) -> true);
			this.clock.advance(Duration.ofMinutes(10));
			oneThread.tick();
			assertThat(waiting.isDue()).isTrue();
			assertThat(waiting.lastRebalance()).isNull();
			this.release.countDown();
			await().atMost(Duration.ofSeconds(5)).until(() -> hung.lastRebalance() != null);
			await().atMost(Duration.ofSeconds(5)).until(() -> {
				oneThread.tick();
				return waiting.lastRebalance() != null;
			});
		}
		finally {
			oneWorker.close();
		}
	}

	@Test
	void maxThreadsMustBeAtLeastOne() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ServerManagerExecutor(0))
			.withMessageContaining("maxWorkers");
	}

	@Test
	void destroyInterruptsAHungPingAndLeavesTheListAlone() throws Exception {
		CountDownLatch entered = new CountDownLatch(1);
		ManagedService service = registered((instance) -> {
			entered.countDown();
			return this.release.await(1, TimeUnit.MINUTES);
		});
		this.clock.advance(Duration.ofMinutes(10));
		this.scheduler.tick();
		assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
		long start = System.nanoTime();
		this.executor.close();
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
		assertThat(service.lastRebalance().outcome()).isEqualTo(RebalanceOutcome.FROZEN);
		this.scheduler.tick();
	}

	private ManagedService registered(Pinger<ServiceInstance> pinger) {
		return registered(TestServices.SERVICE, pinger);
	}

	private ManagedService registered(String serviceId, Pinger<ServiceInstance> pinger) {
		ManagedService service = new ManagedService(serviceId, ServiceSettings.defaults(), pinger, () -> 1, List.of(),
				this.executor, this.clock, new SplittableRandom(7), null);
		service.manager().syncServers(TestServices.instances(3));
		this.registry.register(service, new ServerManagerRegistry.ServiceHooks() {

			@Override
			public void refreshMembership() {
			}

			@Override
			public void refreshSecureOverride() {
			}

		});
		return service;
	}

}
