package io.github.servermanager.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static io.github.servermanager.core.TestServer.named;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.awaitility.Awaitility.await;

class ServerManagerNotifyFailedServerTest {

	private final TestServer a = named("a");

	private final TestServer b = named("b");

	private final TestServer c = named("c");

	private final AtomicInteger rotations = new AtomicInteger();

	private final ServerManager<TestServer> manager = TestServer
		.managerWith(TestServer.builder().listener(new ServerManagerListener<>() {

			@Override
			public void serverRotated(TestServer failed, TestServer newFront) {
				ServerManagerNotifyFailedServerTest.this.rotations.incrementAndGet();
			}

		}), List.of(this.a, this.b, this.c));

	@Test
	void notifyFailedServerRotatesTheFrontToTheEnd() {
		this.manager.notifyFailedServer(this.a);
		assertThat(this.manager.servers()).containsExactly(this.b, this.c, this.a);
	}

	@Test
	void notifyFailedServerMatchesTheFrontByKeyNotByIdentity() {
		this.manager.notifyFailedServer(this.a.withVersion(7));
		assertThat(this.manager.servers()).containsExactly(this.b, this.c, this.a);
		assertThat(this.manager.servers().get(2)).isSameAs(this.a);
	}

	@Test
	void rotateFailedServerSaysWhetherThisCallMovedTheFront() {
		assertThat(this.manager.rotateFailedServer(this.a)).isTrue();
		assertThat(this.manager.servers()).containsExactly(this.b, this.c, this.a);
		assertThat(this.manager.rotateFailedServer(this.a)).as("a is no longer in front").isFalse();
		assertThat(this.manager.servers()).containsExactly(this.b, this.c, this.a);
	}

	@Test
	void rotateFailedServerOfTheOnlyServerMovesNothing() {
		ServerManager<TestServer> single = TestServer.managerWith(TestServer.builder(), List.of(this.a));
		assertThat(single.rotateFailedServer(this.a)).isFalse();
		assertThat(single.servers()).containsExactly(this.a);
	}

	@Test
	void notifyFailedServerIgnoresAServerThatIsNotInFront() {
		List<TestServer> before = this.manager.servers();
		this.manager.notifyFailedServer(this.b);
		assertThat(this.manager.servers()).isSameAs(before);
	}

	@Test
	void notifyFailedServerIgnoresAnUnknownServer() {
		List<TestServer> before = this.manager.servers();
		this.manager.notifyFailedServer(named("unknown"));
		assertThat(this.manager.servers()).isSameAs(before);
	}

	@Test
	void notifyFailedServerKeepsASingleServerInFront() {
		ServerManager<TestServer> single = TestServer.managerWith(TestServer.builder(), List.of(this.a));
		List<TestServer> before = single.servers();
		single.notifyFailedServer(this.a);
		assertThat(single.servers()).isSameAs(before);
	}

	@Test
	void notifyFailedServerOnAnEmptyManagerDoesNothing() {
		ServerManager<TestServer> empty = TestServer.builder().build();
		empty.notifyFailedServer(this.a);
		assertThat(empty.servers()).isEmpty();
	}

	@Test
	void repeatedNoticesForTheSameServerRotateAgainOnlyWhenItIsBackInFront() {
		this.manager.notifyFailedServer(this.a);
		this.manager.notifyFailedServer(this.a);
		assertThat(this.manager.servers()).containsExactly(this.b, this.c, this.a);
	}

	@Test
	void notifyFailedServerNeverChangesAListReturnedBefore() {
		List<TestServer> snapshot = this.manager.servers();
		this.manager.notifyFailedServer(this.a);
		assertThat(snapshot).containsExactly(this.a, this.b, this.c);
	}

	@Test
	void notifyFailedServerRejectsNullNamingTheServer() {
		assertThatNullPointerException().isThrownBy(() -> this.manager.notifyFailedServer(null))
			.withMessageContaining("server");
	}

	@Test
	void noticesArrivingWhileOneIsBeingAppliedAreDroppedNotQueued() throws Exception {
		try (HeldNotice held = HeldNotice.start(this.manager, this.a)) {
			List<Future<?>> others = held.notifyFromOtherThreads(8, this.a);
			// The list lock is still held: a notice that queued behind it could not have
			// returned yet.
			for (Future<?> other : others) {
				other.get(10, TimeUnit.SECONDS);
			}
			assertThat(this.manager.servers()).containsExactly(this.a, this.b, this.c);
		}
	}

	@Test
	void concurrentNoticesForTheSameFrontRotateItOnce() throws Exception {
		try (HeldNotice held = HeldNotice.start(this.manager, this.a)) {
			for (Future<?> other : held.notifyFromOtherThreads(8, this.a.withVersion(2))) {
				other.get(10, TimeUnit.SECONDS);
			}
			held.release();
		}
		assertThat(this.manager.servers()).containsExactly(this.b, this.c, this.a);
		assertThat(this.rotations).hasValue(1);
	}

	/**
	 * One failure notice that got past the try-lock barrier and is parked on the list
	 * lock, because a writer (an {@code updateServers} whose function waits on a latch)
	 * holds it. While it is parked, other notices for the same front find the barrier
	 * taken.
	 */
	private static final class HeldNotice implements AutoCloseable {

		private final CountDownLatch writerRelease = new CountDownLatch(1);

		private final ExecutorService executor = Executors.newFixedThreadPool(10);

		private final ServerManager<TestServer> manager;

		private final List<Future<?>> holders = new ArrayList<>();

		private HeldNotice(ServerManager<TestServer> manager) {
			this.manager = manager;
		}

		static HeldNotice start(ServerManager<TestServer> manager, TestServer front) throws Exception {
			HeldNotice held = new HeldNotice(manager);
			CountDownLatch writerHoldsLock = new CountDownLatch(1);
			AtomicBoolean first = new AtomicBoolean(true);
			held.holders.add(held.executor.submit(() -> manager.updateServers((server) -> {
				if (first.getAndSet(false)) {
					writerHoldsLock.countDown();
					awaitUninterruptibly(held.writerRelease);
				}
				return server;
			})));
			assertThat(writerHoldsLock.await(10, TimeUnit.SECONDS)).isTrue();
			Thread notifier = new Thread(() -> manager.notifyFailedServer(front), "held-notice");
			notifier.start();
			// Parked means it passed the barrier and waits for the list lock.
			await().atMost(Duration.ofSeconds(10))
				.until(() -> notifier.getState() == Thread.State.WAITING
						|| notifier.getState() == Thread.State.TERMINATED);
			assertThat(notifier.getState()).isEqualTo(Thread.State.WAITING);
			held.holders.add(held.executor.submit(() -> {
				notifier.join();
				return null;
			}));
			return held;
		}

		List<Future<?>> notifyFromOtherThreads(int count, TestServer server) {
			List<Future<?>> futures = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				futures.add(this.executor.submit(() -> this.manager.notifyFailedServer(server)));
			}
			return futures;
		}

		void release() throws Exception {
			this.writerRelease.countDown();
			for (Future<?> holder : this.holders) {
				holder.get(10, TimeUnit.SECONDS);
			}
		}

		@Override
		public void close() throws Exception {
			release();
			this.executor.shutdownNow();
		}

		private static void awaitUninterruptibly(CountDownLatch latch) {
			try {
				latch.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

	}

}
