package io.github.servermanager.benchmarks.fleet;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import io.github.servermanager.benchmarks.clientapp.Balancer;
import io.github.servermanager.testsupport.CountingBackend;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * Backends and the client applications of one balancer and one library: each client sends
 * one request at a time, pausing between them, until the window closes, while the
 * backends' connections are counted about once a second.
 */
public final class Fleet implements AutoCloseable {

	private final Balancer balancer;

	private final ClientLibrary library;

	private final FleetSettings settings;

	private final List<CountingBackend> backends = new ArrayList<>();

	private final List<ConfigurableApplicationContext> clients = new ArrayList<>();

	private final List<Supplier<String>> callers = new ArrayList<>();

	private Fleet(Balancer balancer, ClientLibrary library, FleetSettings settings) {
		this.balancer = balancer;
		this.library = library;
		this.settings = settings;
	}

	/**
	 * Starts the backends and the client applications, and sends each client's first
	 * requests.
	 * @param balancer the balancer of every client
	 * @param library the HTTP client library of every client
	 * @param settings the run
	 * @return the fleet, ready to {@link #run()}
	 */
	public static Fleet start(Balancer balancer, ClientLibrary library, FleetSettings settings) {
		Fleet fleet = new Fleet(balancer, library, settings);
		try {
			fleet.startAll();
			return fleet;
		}
		catch (RuntimeException ex) {
			fleet.close();
			throw ex;
		}
	}

	private void startAll() {
		for (int i = 0; i < this.settings.servers(); i++) {
			this.backends.add(CountingBackend.start("s" + i));
		}
		List<String> uris = this.backends.stream().map(CountingBackend::uri).toList();
		List<String> properties = new ArrayList<>(this.settings.clientProperties());
		properties.addAll(this.library.properties());
		properties.addAll(List.of(this.balancer.properties()));
		for (int i = 0; i < this.settings.clients(); i++) {
			ConfigurableApplicationContext client = FleetClientApplication.start(uris, properties);
			this.clients.add(client);

			Supplier<String> caller = this.library.caller(client);
			// Enough requests for round robin to reach every server before the window.
			for (int request = 0; request < 2 * this.settings.servers(); request++) {
				warmUp(caller);
			}
			this.callers.add(caller);
		}
	}

	/** A slow first request on a busy machine is no reason to give up the run. */
	private static void warmUp(Supplier<String> caller) {
		try {
			caller.get();
		}
		catch (RuntimeException ex) {
			// Counted only inside the window.
		}
	}

	/**
	 * Runs the window: every client sends requests until it closes.
	 * @return the counts
	 * @throws InterruptedException when interrupted
	 */
	public FleetResult run() throws InterruptedException {
		AtomicLong requests = new AtomicLong();
		AtomicLong failed = new AtomicLong();
		// While the other fleet started, the idle bound may have closed this fleet's
		// connections: reopen them before counting, so that the window's new
		// connections are the rebalances' own.
		this.callers.forEach(Fleet::warmUp);
		int acceptedBefore = accepted();
		long[] rebalancesBefore = rebalanceCounts();
		long start = System.nanoTime();
		long end = start + this.settings.window().toNanos();
		ExecutorService loops = Executors.newFixedThreadPool(this.callers.size());
		List<Future<?>> running = new ArrayList<>();
		for (Supplier<String> caller : this.callers) {
			running.add(loops.submit(() -> sendUntil(caller, end, requests, failed)));
		}
		List<FleetSample> samples = new ArrayList<>();
		long nextSample = start;
		while (System.nanoTime() < end) {
			nextSample += TimeUnit.SECONDS.toNanos(1);
			TimeUnit.NANOSECONDS.sleep(Math.max(0, Math.min(nextSample, end) - System.nanoTime()));
			samples.add(new FleetSample((System.nanoTime() - start) / 1e9, open(), accepted() - acceptedBefore));
		}
		long[] rebalancesAfter = rebalanceCounts();
		loops.shutdown();
		if (!loops.awaitTermination(10, TimeUnit.SECONDS)) {
			loops.shutdownNow();
		}
		return new FleetResult(this.balancer, this.library, this.settings, samples, requests.get(), failed.get(),
				rebalancesAfter[0] - rebalancesBefore[0], rebalancesAfter[1] - rebalancesBefore[1],
				rebalancesAfter[2] - rebalancesBefore[2], rebalancesAfter[3] - rebalancesBefore[3]);
	}

	private void sendUntil(Supplier<String> caller, long end, AtomicLong requests, AtomicLong failed) {
		Duration pause = this.settings.requestEvery();
		while (System.nanoTime() < end) {
			try {
				caller.get();
				requests.incrementAndGet();
			}
			catch (RuntimeException ex) {
				failed.incrementAndGet();
			}
			try {
				Thread.sleep(pause.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	/**
	 * Rebalances of all the clients so far, their pings, front moves and fronts compared;
	 * none under round robin.
	 */
	private long[] rebalanceCounts() {
		long[] counts = new long[4];
		for (ConfigurableApplicationContext client : this.clients) {
			client.getBeanProvider(RebalanceCounter.class).forEach((counter) -> {
				counts[0] += counter.rebalances();
				counts[1] += counter.pings();
				counts[2] += counter.frontMoves();
				counts[3] += counter.frontsCompared();
			});
		}
		return counts;
	}

	private int open() {
		return this.backends.stream().mapToInt(CountingBackend::openConnections).sum();
	}

	private int accepted() {
		return this.backends.stream().mapToInt(CountingBackend::acceptedConnections).sum();
	}

	@Override
	public void close() {
		this.clients.forEach(ConfigurableApplicationContext::close);
		this.backends.forEach(CountingBackend::close);
	}

}
