package io.github.servermanager.service;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One failover check at a time, and requests wait for it only up to the bound.
 */
class FailoverCheckTests {

	private final ServerManagerExecutor executor = new ServerManagerExecutor(4);

	private final FailoverCheck check = new FailoverCheck(this.executor, Duration.ofMillis(50));

	@AfterEach
	void close() {
		this.executor.close();
	}

	@Test
	void requestsStopWaitingAtTheBoundButNoSecondCheckStartsWhileTheFirstRuns() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		AtomicInteger runs = new AtomicInteger();
		this.check.startUnlessRunning(() -> {
			runs.incrementAndGet();
			hold(release);
		});
		await().atMost(Duration.ofSeconds(5)).until(() -> this.check.inProgress() == null);
		this.check.startUnlessRunning(runs::incrementAndGet);
		assertThat(runs).hasValue(1);
		release.countDown();
		AtomicBoolean secondRan = new AtomicBoolean();
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
			this.check.startUnlessRunning(() -> secondRan.set(true));
			assertThat(secondRan).isTrue();
		});
		assertThat(runs).hasValue(1);
	}

	@Test
	void aCheckThatEndsBeforeTheBoundEndsTheWait() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		this.check.startUnlessRunning(() -> hold(release));
		assertThat(this.check.inProgress()).isNotNull();
		release.countDown();
		await().atMost(Duration.ofSeconds(5)).until(() -> this.check.inProgress() == null);
		assertThat(this.executor.scheduler()).isInstanceOfSatisfying(ScheduledThreadPoolExecutor.class,
				(timer) -> assertThat(timer.getQueue()).as("bound left scheduled").isEmpty());
	}

	private static void hold(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
