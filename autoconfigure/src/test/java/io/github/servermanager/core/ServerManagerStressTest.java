package io.github.servermanager.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Readers, failure notices, a rebalancer and writers at once, for a bounded time. Each
 * writer owns its own keys and remembers what it last did with each, so the final list is
 * known exactly: any member lost, duplicated, resurrected or carrying stale details shows
 * up.
 */
class ServerManagerStressTest {

	private static final long RUN_NANOS = TimeUnit.MILLISECONDS.toNanos(1500);

	private static final int MAX_ITERATIONS = 500_000;

	private static final int BASE_SERVERS = 4;

	private static final int WRITERS = 3;

	private static final int KEYS_PER_WRITER = 6;

	private final Queue<String> violations = new ConcurrentLinkedQueue<>();

	private final AtomicInteger rotations = new AtomicInteger();

	private final SplittableRandom pingOutcomes = new SplittableRandom(17);

	private final ServerManager<TestServer> manager = TestServer.builder()
		.random(TestServer.seeded(23))
		// Only the rebalancer thread pings, so its generator needs no locking.
		.pinger((server) -> this.pingOutcomes.nextInt(10) >= 3)
		.listener(new ServerManagerListener<>() {

			@Override
			public void serverRotated(TestServer failed, TestServer newFront) {
				ServerManagerStressTest.this.rotations.incrementAndGet();
			}

		})
		.build();

	@Test
	void concurrentUseNeverLosesDuplicatesOrResurrectsAServer() throws Exception {
		List<TestServer> base = new ArrayList<>();
		for (int i = 0; i < BASE_SERVERS; i++) {
			base.add(TestServer.named("base-" + i));
		}
		base.forEach(this.manager::addServer);

		List<Writer> writers = new ArrayList<>();
		for (int w = 0; w < WRITERS; w++) {
			writers.add(new Writer(w));
		}
		CountDownLatch start = new CountDownLatch(1);
		List<Callable<Integer>> tasks = new ArrayList<>();
		tasks.add(this::read);
		tasks.add(this::read);
		tasks.add(this::notifyFailures);
		tasks.add(this::notifyFailures);
		tasks.add(this::rebalance);
		tasks.addAll(writers);
		ExecutorService executor = Executors.newFixedThreadPool(tasks.size());
		try {
			List<Future<Integer>> futures = new ArrayList<>();
			for (Callable<Integer> task : tasks) {
				futures.add(executor.submit(() -> {
					start.await();
					return task.call();
				}));
			}
			start.countDown();
			for (Future<Integer> future : futures) {
				assertThat(future.get(30, TimeUnit.SECONDS)).as("iterations of every thread").isPositive();
			}
		}
		finally {
			executor.shutdownNow();
		}

		assertThat(this.violations).isEmpty();
		Map<String, TestServer> expected = new HashMap<>();
		base.forEach((server) -> expected.put(server.name(), server));
		writers.forEach((writer) -> expected.putAll(writer.present));
		List<TestServer> last = this.manager.servers();
		assertThat(TestServer.names(last)).doesNotHaveDuplicates()
			.containsExactlyInAnyOrderElementsOf(expected.keySet());
		assertThat(last).allSatisfy((server) -> assertThat(server).isSameAs(expected.get(server.name())));
		assertThat(this.rotations).as("notices rotated servers").hasPositiveValue();
	}

	/** Every snapshot has each key once, and always the servers nobody removes. */
	private int read() {
		long deadline = System.nanoTime() + RUN_NANOS;
		int iterations = 0;
		while (iterations < MAX_ITERATIONS && System.nanoTime() - deadline < 0 && this.violations.isEmpty()) {
			iterations++;
			TestServer front = this.manager.findServer();
			if (front == null) {
				this.violations.add("findServer returned null with base servers present");
			}
			List<TestServer> snapshot = this.manager.servers();
			Set<String> keys = new HashSet<>();
			for (TestServer server : snapshot) {
				if (!keys.add(server.name())) {
					this.violations.add("duplicate " + server.name() + " in " + snapshot);
				}
			}
			for (int i = 0; i < BASE_SERVERS; i++) {
				if (!keys.contains("base-" + i)) {
					this.violations.add("lost base-" + i + " in " + snapshot);
				}
			}
		}
		return iterations;
	}

	private int notifyFailures() {
		long deadline = System.nanoTime() + RUN_NANOS;
		int iterations = 0;
		while (iterations < MAX_ITERATIONS && System.nanoTime() - deadline < 0) {
			iterations++;
			TestServer front = this.manager.findServer();
			if (front != null) {
				// A stale copy of the front, as a request that started before an update
				// would report it.
				this.manager.notifyFailedServer(front.withVersion(-1));
			}
		}
		return iterations;
	}

	private int rebalance() {
		long deadline = System.nanoTime() + RUN_NANOS;
		int iterations = 0;
		while (iterations < MAX_ITERATIONS && System.nanoTime() - deadline < 0) {
			iterations++;
			this.manager.rebalance();
		}
		return iterations;
	}

	/**
	 * Adds, updates and removes its own keys at random, and remembers the last version it
	 * added of each key still present.
	 */
	private final class Writer implements Callable<Integer> {

		final Map<String, TestServer> present = new HashMap<>();

		private final SplittableRandom random;

		private final int id;

		private int version;

		Writer(int id) {
			this.id = id;
			this.random = new SplittableRandom(id);
		}

		@Override
		public Integer call() {
			ServerManager<TestServer> manager = ServerManagerStressTest.this.manager;
			long deadline = System.nanoTime() + RUN_NANOS;
			int iterations = 0;
			while (iterations < MAX_ITERATIONS && System.nanoTime() - deadline < 0) {
				iterations++;
				String key = "writer-" + this.id + "-" + this.random.nextInt(KEYS_PER_WRITER);
				if (this.present.containsKey(key) && this.random.nextBoolean()) {
					manager.removeServer(TestServer.named(key));
					this.present.remove(key);
				}
				else {
					TestServer server = new TestServer(key, ++this.version);
					manager.addServer(server);
					this.present.put(key, server);
				}
			}
			return iterations;
		}

	}

}
