package io.github.servermanager.benchmarks.simulator;

import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;

import io.github.servermanager.benchmarks.simulator.RequestClient.Rebalanced;
import io.github.servermanager.benchmarks.simulator.RequestLoad.Busiest;
import io.github.servermanager.core.ApertureSelection;
import io.github.servermanager.core.ClientRank;
import io.github.servermanager.core.FrontSelection;
import io.github.servermanager.core.RateScaling;
import io.github.servermanager.core.RebalanceSpread;
import io.github.servermanager.core.ServerManager;
import org.jspecify.annotations.Nullable;

/**
 * Clients sending requests at a steady rate to a set of servers, on a virtual clock, to
 * compare how three balancers share the servers at any ratio of clients to servers.
 * <p>
 * The aperture and random-front clients each drive a real {@link ServerManager} and
 * {@code RebalanceSchedule} with Consul's schedule and the starter's settings with a
 * ping: 2 minute reuse, jitter 2, 64 new connections per second per server, 2 connections
 * per rebalance (the ping's own and the front's), the cluster size being the number of
 * clients. Each request goes to the first server of {@link ServerManager#requestOrder()}.
 * An aperture client's rank is its index, and its wall clock the virtual clock.
 * Round-robin clients model Spring's {@code RoundRobinLoadBalancer} over every server.
 * <p>
 * The clock advances one request period at a time; at each step a client that has joined
 * rebalances if its deadline has passed (as the starter's scheduler does at its tick),
 * then sends one request. Clients share nothing but the clock and the counts, so the
 * simulation runs them one after the other, each over the whole run.
 */
public final class ApertureSimulation {

	/** The starter's default {@code connection-max-idle-time}: a quarter of min-reuse. */
	static final Duration MAX_IDLE = ServerManager.DEFAULT_MIN_REUSE.dividedBy(4);

	/** A rebalance pings over a connection of its own, then the front gets one. */
	static final int CONNECTIONS_PER_REBALANCE = 2;

	private static final long NANOS_PER_SECOND = Duration.ofSeconds(1).toNanos();

	private final long seed;

	/**
	 * Creates a simulation whose runs draw from one seed.
	 * @param seed the seed of every run; the same seed gives the same figures
	 */
	public ApertureSimulation(long seed) {
		this.seed = seed;
	}

	/**
	 * Returns the rebalance interval every client of a fleet computes: min-reuse, or
	 * longer when the cluster's budget needs it.
	 * @param scenario the fleet
	 * @return {@code max(minReuse, clients / (servers x 64 / 2))}
	 */
	public static Duration interval(ApertureScenario scenario) {
		double rate = (double) scenario.servers() * ServerManager.DEFAULT_CONNS_PER_SEC_PER_SERVER
				/ CONNECTIONS_PER_REBALANCE;
		return RateScaling.rateScaledInterval(rate, ServerManager.DEFAULT_MIN_REUSE, scenario.clients());
	}

	/**
	 * Runs a fleet in which every server answers.
	 * @param scenario the fleet
	 * @param balancer how the clients spread their requests
	 * @return what was measured
	 */
	public ApertureResult run(ApertureScenario scenario, RequestBalancer balancer) {
		return run(scenario, balancer, null);
	}

	/**
	 * Runs a fleet, perhaps with one server stopping.
	 * @param scenario the fleet
	 * @param balancer how the clients spread their requests
	 * @param stop the server that stops, or {@code null}
	 * @return what was measured
	 */
	public ApertureResult run(ApertureScenario scenario, RequestBalancer balancer, @Nullable ServerStop stop) {
		return new Run(scenario, balancer, stop, new SplittableRandom(this.seed)).execute();
	}

	/** The state of one run. The measured part starts at 0 on the virtual clock. */
	private static final class Run {

		private final ApertureScenario scenario;

		private final RequestBalancer balancer;

		private final @Nullable ServerStop stop;

		private final SplittableRandom random;

		private final List<VirtualServer> servers;

		private final long intervalNanos;

		private final long startNanos;

		private final long endNanos;

		private final long stopNanos;

		private final RequestLoad load;

		private final ConnectionLedger connections;

		private final ClientIntervals intervals;

		private final int[] failed;

		/**
		 * The virtual clock, which the aperture clients also read as their wall clock.
		 */
		private long nowNanos;

		private long longestIntervalNanos;

		private int fewestInUse = Integer.MAX_VALUE;

		Run(ApertureScenario scenario, RequestBalancer balancer, @Nullable ServerStop stop, SplittableRandom random) {
			this.scenario = scenario;
			this.balancer = balancer;
			this.stop = stop;
			this.random = random;
			this.servers = Scenario.servers(scenario.servers());
			this.intervalNanos = interval(scenario).toNanos();
			this.startNanos = -scenario.warmUp().toNanos();
			this.endNanos = scenario.intervals() * this.intervalNanos;
			this.stopNanos = (stop != null) ? stop.at().toNanos() : Long.MAX_VALUE;
			int seconds = (int) (this.endNanos / NANOS_PER_SECOND);
			this.load = new RequestLoad(scenario.servers(), seconds);
			this.connections = new ConnectionLedger(scenario.clients(), scenario.servers(), MAX_IDLE.toNanos(), 0,
					seconds);
			this.intervals = new ClientIntervals(scenario.clients(), scenario.servers());
			this.failed = new int[scenario.clients()];
		}

		ApertureResult execute() {
			long[] joinAt = joinTimes();
			for (int client = 0; client < joinAt.length; client++) {
				runClient(client, joinAt[client]);
			}
			return result();
		}

		/**
		 * Runs one client from the first step at or after its join to the end. Clients
		 * share nothing but the clock and the counts, so they run one after the other.
		 */
		private void runClient(int client, long joinAt) {
			long period = this.scenario.requestPeriodNanos();
			long first = this.startNanos + (joinAt - this.startNanos + period - 1) / period * period;
			RequestClient requestClient = null;
			long nextWindow = 0;
			for (long now = first; now < this.endNanos; now += period) {
				this.nowNanos = now;
				if (requestClient == null) {
					requestClient = newClient(client, now);
				}
				if (!this.balancer.managed() && now >= nextWindow) {
					// Round robin never rebalances: its intervals are the managers'.
					this.intervals.newInterval(client);
					nextWindow += this.intervalNanos;
				}
				rebalance(client, requestClient, now);
				request(client, requestClient, now);
			}
		}

		/** Uniform over the first interval of the warm-up. */
		private long[] joinTimes() {
			SplittableRandom joins = this.random.split();
			long span = Math.min(this.intervalNanos, this.scenario.warmUp().toNanos());
			long[] joinAt = new long[this.scenario.clients()];
			for (int client = 0; client < joinAt.length; client++) {
				joinAt[client] = this.startNanos + ((span > 0) ? joins.nextLong(span) : 0);
			}
			return joinAt;
		}

		private RequestClient newClient(int client, long now) {
			SplittableRandom own = this.random.split();
			if (!this.balancer.managed()) {
				return new RoundRobinRequestClient(this.servers, own.nextInt(1000));
			}
			int clientCount = this.scenario.clients();
			ServerManager.Builder<VirtualServer> builder = ServerManager.<VirtualServer>builder(VirtualServer::key)
				.pinger(this::ping)
				.clusterSize(() -> clientCount)
				.random(own)
				.connectionsPerRebalance(CONNECTIONS_PER_REBALANCE);
			if (this.balancer == RequestBalancer.APERTURE) {
				ClientRank rank = new ClientRank(client, clientCount);
				builder.frontSelection(new ApertureSelection<>(VirtualServer::key, () -> rank,
						() -> Math.floorDiv(this.nowNanos, 1_000_000L), ServerManager.DEFAULT_CONNS_PER_SEC_PER_SERVER,
						FrontSelection.random(own), ServerManager.DEFAULT_MIN_REUSE));
			}
			ServerManager<VirtualServer> manager = builder.build();
			manager.syncServers(this.servers);
			return new ManagedRequestClient(manager, RebalanceSpread.CONSUL, now);
		}

		private void rebalance(int client, RequestClient requestClient, long now) {
			Rebalanced rebalanced = requestClient.rebalanceIfDue(now);
			if (rebalanced == null) {
				return;
			}
			this.intervals.newInterval(client);
			if (now >= 0) {
				if (rebalanced.moved()) {
					this.intervals.moved(client, now);
				}
				this.longestIntervalNanos = Math.max(this.longestIntervalNanos, rebalanced.intervalNanos());
				this.fewestInUse = Math.min(this.fewestInUse, rebalanced.inUse());
			}
		}

		private void request(int client, RequestClient requestClient, long now) {
			VirtualServer server = requestClient.pick();
			if (send(client, server, now)) {
				return;
			}
			requestClient.failed(server);
			if (this.stop != null && this.stop.retry()) {
				VirtualServer again = requestClient.retryServer();
				if (send(client, again, now)) {
					return;
				}
				requestClient.failed(again);
			}
			this.failed[client]++;
		}

		/** Sends one attempt; true when the server answered. */
		private boolean send(int client, VirtualServer server, long now) {
			if (now >= 0) {
				this.intervals.requested(client, server.index());
			}
			if (!answers(server, now)) {
				return false;
			}
			this.connections.requested(client, server.index(), now);
			if (now >= 0) {
				this.load.answered((int) (now / NANOS_PER_SECOND), server.index());
			}
			return true;
		}

		private boolean ping(VirtualServer server) {
			this.connections.pinged(server.index(), this.nowNanos);
			return answers(server, this.nowNanos);
		}

		private boolean answers(VirtualServer server, long now) {
			return this.stop == null || server.index() != this.stop.server() || now < this.stopNanos;
		}

		private ApertureResult result() {
			int fromSecond = 0;
			int excluded = -1;
			if (this.stop != null) {
				fromSecond = (int) ((this.stopNanos + NANOS_PER_SECOND - 1) / NANOS_PER_SECOND);
				excluded = this.stop.server();
			}
			Busiest perSecond = this.load.busiest(fromSecond, 1, excluded);
			Busiest perInterval = this.load.busiest(fromSecond, (int) (this.intervalNanos / NANOS_PER_SECOND),
					excluded);
			int minMoves = (this.balancer.managed() && this.longestIntervalNanos > 0)
					? this.intervals.minMovesPerWindow(0, this.endNanos, this.longestIntervalNanos) : -1;
			boolean everyServer = !this.balancer.managed() || this.fewestInUse >= this.scenario.servers();
			int maxFailed = 0;
			long totalFailed = 0;
			for (int count : this.failed) {
				maxFailed = Math.max(maxFailed, count);
				totalFailed += count;
			}
			return new ApertureResult(this.scenario, this.balancer, this.stop, perSecond.mean(), perSecond.worst(),
					perInterval.worst(), this.intervals.maxConnectionsPerClient(), everyServer,
					this.connections.meanPerServerPerSecond(), this.connections.worstServerSecond(), minMoves,
					this.longestIntervalNanos / 1e9, maxFailed, (double) totalFailed / this.failed.length);
		}

	}

}
