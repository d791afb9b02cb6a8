package io.github.servermanager.benchmarks.failover;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.github.servermanager.benchmarks.clientapp.AttemptLog;
import io.github.servermanager.benchmarks.clientapp.AttemptLog.Attempt;
import io.github.servermanager.benchmarks.clientapp.Balancer;
import io.github.servermanager.benchmarks.clientapp.BenchmarkClientApplication;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestTemplate;

/**
 * One client application against its own three backends: started, warmed up, loaded at a
 * fixed rate while one backend fails, and closed.
 */
final class FailoverTrial implements AutoCloseable {

	/** Spring's own way to stop sending requests to a sick instance. */
	static final String SPRING_HEALTH_CHECK = "spring.cloud.loadbalancer.configurations=health-check";

	private static final String URL = "http://" + BenchmarkClientApplication.SERVICE + "/work";

	private final Fault fault;

	private final Retry retry;

	private final Balancer balancer;

	private final List<FaultyBackend> backends;

	private final ConfigurableApplicationContext client;

	private final RestTemplate restTemplate;

	private final AttemptLog attempts;

	private FailoverTrial(Fault fault, Retry retry, Balancer balancer, List<FaultyBackend> backends,
			ConfigurableApplicationContext client) {
		this.fault = fault;
		this.retry = retry;
		this.balancer = balancer;
		this.backends = backends;
		this.client = client;
		this.restTemplate = client.getBean(RestTemplate.class);
		this.attempts = client.getBean(AttemptLog.class);
	}

	static FailoverTrial start(Fault fault, Retry retry, Balancer balancer) throws IOException {
		List<FaultyBackend> backends = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			backends.add(FaultyBackend.start("backend-" + i));
		}
		List<String> properties = new ArrayList<>(Arrays.asList(balancer.properties()));
		properties.addAll(Arrays.asList(retry.properties()));
		if (balancer == Balancer.SPRING_ROUND_ROBIN) {
			properties.add(SPRING_HEALTH_CHECK);
		}
		ConfigurableApplicationContext client = BenchmarkClientApplication
			.start(backends.stream().map(FaultyBackend::uri).toList(), properties.toArray(String[]::new));
		return new FailoverTrial(fault, retry, balancer, backends, client);
	}

	/**
	 * Sends requests one at a time until {@code count} in a row succeeded, so that both
	 * balancers have learned their instances before the clock starts.
	 */
	void warmUp(int count) {
		int succeeded = 0;
		for (int sent = 0; succeeded < count; sent++) {
			if (sent > 50 * count) {
				throw new IllegalStateException(this.balancer.label() + " never answered " + count + " in a row");
			}
			succeeded = send() ? succeeded + 1 : 0;
		}
	}

	TrialResult run(LoadPlan plan) throws InterruptedException {
		this.attempts.clear();
		ConcurrentLinkedQueue<long[]> outcomes = new ConcurrentLinkedQueue<>();
		AtomicInteger badPort = new AtomicInteger(-1);
		AtomicLong faultNanos = new AtomicLong();
		ExecutorService senders = Executors.newCachedThreadPool();
		ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
		long periodNanos = TimeUnit.SECONDS.toNanos(1) / plan.requestsPerSecond();
		long started = System.nanoTime();
		ScheduledFuture<?> load = clock.scheduleAtFixedRate(() -> senders.execute(() -> {
			long sent = System.nanoTime();
			boolean ok = send();
			outcomes.add(new long[] { System.nanoTime() - sent, ok ? 1 : 0 });
		}), 0, periodNanos, TimeUnit.NANOSECONDS);
		clock.schedule(() -> {
			// The backend this client used last: its front server, for the server
			// manager.
			List<Attempt> sofar = this.attempts.attempts();
			int port = sofar.get(sofar.size() - 1).port();
			FaultyBackend victim = this.backends.stream()
				.filter((backend) -> backend.port() == port)
				.findFirst()
				.orElseThrow();
			faultNanos.set(System.nanoTime());
			this.fault.inject(victim);
			badPort.set(port);
		}, plan.faultAt().toNanos(), TimeUnit.NANOSECONDS);
		long end = started + plan.duration().toNanos();
		TimeUnit.NANOSECONDS.sleep(plan.duration().toNanos());
		load.cancel(false);
		clock.shutdown();
		senders.shutdown();
		if (!senders.awaitTermination(30, TimeUnit.SECONDS)) {
			throw new IllegalStateException("Requests still running 30 s after the load ended");
		}
		return result(outcomes, badPort.get(), faultNanos.get(), end);
	}

	private TrialResult result(ConcurrentLinkedQueue<long[]> outcomes, int badPort, long faultNanos, long end) {
		long[] latencies = outcomes.stream().mapToLong((outcome) -> outcome[0]).sorted().toArray();
		int failed = (int) outcomes.stream().filter((outcome) -> outcome[1] == 0).count();
		int toBad = 0;
		long last = -1;
		for (Attempt attempt : this.attempts.attempts()) {
			if (attempt.port() == badPort && attempt.nanoTime() >= faultNanos) {
				toBad++;
				last = Math.max(last, attempt.nanoTime());
			}
		}
		boolean stillAtEnd = last >= 0 && end - last < TimeUnit.SECONDS.toNanos(1);
		return new TrialResult(this.fault, this.retry, this.balancer, latencies.length, failed,
				percentile(latencies, 0.50), percentile(latencies, 0.99), toBad,
				(last >= 0) ? Duration.ofNanos(last - faultNanos) : null, stillAtEnd);
	}

	private boolean send() {
		try {
			this.restTemplate.getForObject(URL, String.class);
			return true;
		}
		catch (RestClientException ex) {
			return false;
		}
	}

	private static Duration percentile(long[] sorted, double fraction) {
		if (sorted.length == 0) {
			return Duration.ZERO;
		}
		int index = (int) Math.ceil(fraction * sorted.length) - 1;
		return Duration.ofNanos(sorted[Math.max(0, Math.min(index, sorted.length - 1))]);
	}

	@Override
	public void close() {
		this.client.close();
		this.backends.forEach(FaultyBackend::close);
	}

}
