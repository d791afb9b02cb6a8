package io.github.servermanager.service;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.github.servermanager.testsupport.StarterThreads;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The starter's threads: named for it, bounded, and all stopped on close, the timer last
 * so that the deadlines of pings in flight still release their workers.
 */
class ServerManagerExecutorTests {

	@Test
	void threadsAreNamedForTheStarter() throws Exception {
		try (ServerManagerExecutor executor = new ServerManagerExecutor(2)) {
			AtomicReference<String> worker = new AtomicReference<>();
			CountDownLatch ran = new CountDownLatch(1);
			executor.workers().execute(() -> {
				worker.set(Thread.currentThread().getName());
				ran.countDown();
			});
			assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
			assertThat(worker.get()).startsWith("server-manager-worker-");
			assertThat(executor.scheduler().submit(() -> Thread.currentThread().getName()).get(5, TimeUnit.SECONDS))
				.isEqualTo("server-manager-scheduler");
		}
	}

	@Test
	void workBeyondTheBoundIsRefusedNotQueued() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		try (ServerManagerExecutor executor = new ServerManagerExecutor(1)) {
			CountDownLatch started = new CountDownLatch(1);
			executor.workers().execute(() -> {
				started.countDown();
				awaitIgnoringInterrupts(release);
			});
			assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
			assertThatExceptionOfType(RejectedExecutionException.class)
				.isThrownBy(() -> executor.workers().execute(() -> {
				}));
			release.countDown();
		}
	}

	@Test
	void closeLetsTheTimerReleaseAWorkerThatIgnoresInterrupts() throws Exception {
		Set<Thread> before = StarterThreads.liveThreads();
		ServerManagerExecutor executor = new ServerManagerExecutor(1);
		CountDownLatch cut = new CountDownLatch(1);
		CountDownLatch started = new CountDownLatch(1);
		// As a ping blocked in a socket read: deaf to interrupts, ended by its deadline.
		executor.workers().execute(() -> {
			started.countDown();
			awaitIgnoringInterrupts(cut);
		});
		assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
		executor.scheduler().schedule(cut::countDown, 200, TimeUnit.MILLISECONDS);
		long start = System.nanoTime();
		executor.close();
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
		assertThat(cut.getCount()).isZero();
		assertThat(executor.isClosed()).isTrue();
		StarterThreads.awaitNoneLiveBut(before);
	}

	private static void awaitIgnoringInterrupts(CountDownLatch latch) {
		while (latch.getCount() > 0) {
			try {
				latch.await();
			}
			catch (InterruptedException ex) {
				// A blocked socket read does not see interrupts either.
			}
		}
	}

}
