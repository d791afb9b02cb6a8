package io.github.servermanager.benchmarks.simulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import io.github.servermanager.core.ApertureSelection;
import io.github.servermanager.core.ClientRank;
import io.github.servermanager.core.FrontSelection;
import io.github.servermanager.core.RebalanceOutcome;
import io.github.servermanager.core.RebalanceResult;
import io.github.servermanager.core.RebalanceSchedule;
import io.github.servermanager.core.RebalanceSpread;
import io.github.servermanager.core.ServerManager;
import io.github.servermanager.core.ZoneSelection;
import org.jspecify.annotations.Nullable;

/**
 * Clients in zones calling servers in zones, on a virtual clock: each client sends one
 * request per tick, and the whole first zone stops for a while.
 * <p>
 * Clients with one front drive a real {@link ServerManager} and {@link RebalanceSchedule}
 * with the default settings (2 minute reuse, jitter 2, 64 connections per second per
 * server, the spread schedule), picking their front with the seed's
 * {@link FrontSelection#random} or a {@link ZoneSelection} (random within the zone, no
 * failover order: any other zone). Their pinger reads whether the virtual server is up,
 * and a stopped server refuses at once. A failed request rotates the front
 * ({@link ServerManager#rotateFailedServer}) and, with the failover check, pings the new
 * front right away and rotates while it is silent, as
 * {@code ManagedService.checkFrontAfterFailover} does; the check ends before the next
 * request, which is what the requests waiting for it see when pings are refused at once.
 * <p>
 * Round-robin clients model Spring's chain: {@code RoundRobinLoadBalancer} (a position
 * from a random start, one step per request) over the list
 * {@code HealthCheckServiceInstanceListSupplier} last found up (every instance checked
 * every 25 s from a random phase), optionally filtered by
 * {@code ZonePreferenceServiceInstanceListSupplier} (the client's zone when any instance
 * there is listed, else every instance). No mode retries.
 */
public final class ZoneSimulation {

	private final long seed;

	/**
	 * Creates a simulation whose runs draw from one seed.
	 * @param seed the seed of every run; the same seed gives the same figures
	 */
	public ZoneSimulation(long seed) {
		this.seed = seed;
	}

	/**
	 * Runs one scenario under one mode.
	 * @param scenario the fleet and the outage
	 * @param mode how clients pick servers
	 * @param failoverCheck whether a failure pings the new front at once (managed modes
	 * only)
	 * @return what was measured
	 */
	public ZoneResult run(ZoneScenario scenario, ZoneMode mode, boolean failoverCheck) {
		return new Run(scenario, mode, failoverCheck, new SplittableRandom(this.seed)).execute();
	}

	/** One client: picks the server of each request and hears when it failed. */
	private interface Client {

		@Nullable VirtualServer choose(long nowNanos);

		void failed(@Nullable VirtualServer server);

		/** Rebalances run so far; 0 for clients without a manager. */
		default int rebalances() {
			return 0;
		}

	}

	private static final class Run {

		private final ZoneScenario scenario;

		private final ZoneMode mode;

		private final boolean failoverCheck;

		private final SplittableRandom random;

		private final List<VirtualServer> servers = new ArrayList<>();

		private final boolean[] up;

		/**
		 * The virtual clock, which is also the wall clock the aperture counts rounds on.
		 */
		private long nowNanos;

		private long minIntervalNanos = Long.MAX_VALUE;

		private long maxIntervalNanos;

		Run(ZoneScenario scenario, ZoneMode mode, boolean failoverCheck, SplittableRandom random) {
			this.scenario = scenario;
			this.mode = mode;
			this.failoverCheck = failoverCheck;
			this.random = random;
			for (int zone = 0; zone < scenario.zones(); zone++) {
				for (int i = 0; i < scenario.serversPerZone(); i++) {
					this.servers.add(new VirtualServer(this.servers.size(), ZoneScenario.zoneName(zone) + (i + 1)));
				}
			}
			this.up = new boolean[this.servers.size()];
			Arrays.fill(this.up, true);
		}

		ZoneResult execute() {
			Client[] clients = new Client[this.scenario.clients()];
			for (int c = 0; c < clients.length; c++) {
				String zone = ZoneScenario.zoneName(clientZone(c));
				int rank = c % this.scenario.clientsPerZone();
				clients[c] = this.mode.managed() ? new ManagedClient(zone, rank) : new RoundRobinClient(zone);
			}
			long tick = this.scenario.tick().toNanos();
			long outageStart = this.scenario.outageStart().toNanos();
			long outageEnd = outageStart + this.scenario.outage().toNanos();
			long end = this.scenario.end().toNanos();
			int ticksPerSecond = (int) (Duration.ofSeconds(1).toNanos() / tick);

			long steadyRequests = 0;
			long crossZone = 0;
			long[] window = new long[this.servers.size()];
			int windowTicks = 0;
			double busiestSum = 0;
			double busiestWorst = 0;
			int windows = 0;

			int[] failed = new int[clients.length];
			boolean[] lastCrossed = new boolean[clients.length];
			long[] backAt = new long[clients.length];
			int[] rebalancesAtReturn = new int[clients.length];
			int[] rebalancesBack = new int[clients.length];
			boolean returned = false;

			for (long now = 0; now <= end; now += tick) {
				this.nowNanos = now;
				this.outage = now >= outageStart && now < outageEnd;
				if (this.outage) {
					setZoneUp(0, false);
				}
				else if (now >= outageEnd && !returned) {
					setZoneUp(0, true);
					returned = true;
					for (int c = 0; c < clients.length; c++) {
						rebalancesAtReturn[c] = clients[c].rebalances();
					}
				}
				for (int c = 0; c < clients.length; c++) {
					VirtualServer server = clients[c].choose(now);
					boolean ok = server != null && this.up[server.index()];
					boolean crossed = server != null && serverZone(server) != clientZone(c);
					if (now < outageStart) {
						steadyRequests++;
						crossZone += crossed ? 1 : 0;
						if (server != null) {
							window[server.index()]++;
						}
					}
					else if (!ok) {
						failed[c]++;
					}
					if (returned && lastCrossed[c] && !crossed) {
						backAt[c] = now;
						rebalancesBack[c] = clients[c].rebalances() - rebalancesAtReturn[c];
					}
					lastCrossed[c] = crossed;
					if (!ok) {
						clients[c].failed(server);
					}
				}
				if (now < outageStart && ++windowTicks == ticksPerSecond) {
					double share = busiestShare(window);
					busiestSum += share;
					busiestWorst = Math.max(busiestWorst, share);
					windows++;
					windowTicks = 0;
					Arrays.fill(window, 0);
				}
			}

			int maxFailed = 0;
			long sumFailed = 0;
			int withFailures = 0;
			double back = this.mode.zoneAware() ? 0 : -1;
			int rebalancesToReturn = (this.mode.zoneAware() && this.mode.managed()) ? 0 : -1;
			for (int c = 0; c < clients.length; c++) {
				withFailures += (failed[c] > 0) ? 1 : 0;
				if (clientZone(c) != 0) {
					continue;
				}
				maxFailed = Math.max(maxFailed, failed[c]);
				sumFailed += failed[c];
				if (this.mode.zoneAware()) {
					if (lastCrossed[c] || back < 0) {
						back = -1;
					}
					else {
						back = Math.max(back, Math.max(0, backAt[c] - outageEnd) / 1e9);
					}
					if (rebalancesToReturn >= 0) {
						rebalancesToReturn = Math.max(rebalancesToReturn, rebalancesBack[c]);
					}
				}
			}
			boolean managed = this.mode.managed();
			return new ZoneResult(this.mode, this.failoverCheck, (double) crossZone / steadyRequests,
					busiestSum / windows, busiestWorst, maxFailed, (double) sumFailed / this.scenario.clientsPerZone(),
					withFailures, back, rebalancesToReturn, managed ? this.minIntervalNanos / 1e9 : 0,
					managed ? this.maxIntervalNanos / 1e9 : 0, this.outagePings);
		}

		private double busiestShare(long[] requests) {
			long busiest = 0;
			long total = 0;
			for (long count : requests) {
				busiest = Math.max(busiest, count);
				total += count;
			}
			return (total == 0) ? 0 : busiest * (double) requests.length / total;
		}

		private void setZoneUp(int zone, boolean serversUp) {
			for (VirtualServer server : this.servers) {
				if (serverZone(server) == zone) {
					this.up[server.index()] = serversUp;
				}
			}
		}

		private int clientZone(int client) {
			return client / this.scenario.clientsPerZone();
		}

		private int serverZone(VirtualServer server) {
			return server.index() / this.scenario.serversPerZone();
		}

		private String zoneOf(VirtualServer server) {
			return ZoneScenario.zoneName(serverZone(server));
		}

		/** Pings of the managers, counted while the first zone is down. */
		private long outagePings;

		private boolean outage;

		private boolean answers(VirtualServer server) {
			return this.up[server.index()];
		}

		private boolean ping(VirtualServer server) {
			this.outagePings += this.outage ? 1 : 0;
			return answers(server);
		}

		/** One front, kept by a real manager and schedule. */
		private final class ManagedClient implements Client {

			private final ServerManager<VirtualServer> manager;

			private final RebalanceSchedule schedule;

			private int rebalances;

			ManagedClient(String zone, int rankInZone) {
				SplittableRandom own = Run.this.random.split();
				FrontSelection<VirtualServer> selection = FrontSelection.random(own);
				if (Run.this.mode == ZoneMode.ZONE_APERTURE) {
					// As the starter ranks a client with a zone: among the clients of its
					// zone.
					ClientRank rank = new ClientRank(rankInZone, Run.this.scenario.clientsPerZone());
					selection = new ApertureSelection<>(VirtualServer::key, () -> rank,
							() -> Math.floorDiv(Run.this.nowNanos, 1_000_000L),
							ServerManager.DEFAULT_CONNS_PER_SEC_PER_SERVER, selection, ServerManager.DEFAULT_MIN_REUSE);
				}
				if (Run.this.mode.zoneAware()) {
					selection = new ZoneSelection<>(Run.this::zoneOf, zone, List.of(), selection);
				}
				this.manager = ServerManager.builder(VirtualServer::key)
					.pinger(Run.this::ping)
					.clusterSize(Run.this.scenario::clients)
					.random(own)
					.frontSelection(selection)
					.build();
				this.manager.syncServers(Run.this.servers);
				this.schedule = new RebalanceSchedule(this.manager, RebalanceSpread.SPREAD, true,
						RebalanceSchedule.DEFAULT_OFFLINE_RECHECK, 0);
			}

			/** Set when a failover check found no server answering. */
			private boolean checkFoundNone;

			@Override
			public @Nullable VirtualServer choose(long nowNanos) {
				if (this.schedule.isDue(nowNanos)) {
					RebalanceResult<VirtualServer> result = this.manager.rebalance();
					this.schedule.rebalanced(nowNanos, result.outcome());
					if (result.outcome() == RebalanceOutcome.HEALTHY) {
						this.checkFoundNone = false;
					}
					this.rebalances++;
					long armed = this.schedule.deadlineNanos() - nowNanos;
					Run.this.minIntervalNanos = Math.min(Run.this.minIntervalNanos, armed);
					Run.this.maxIntervalNanos = Math.max(Run.this.maxIntervalNanos, armed);
				}
				return this.manager.findServer();
			}

			@Override
			public void failed(@Nullable VirtualServer server) {
				if (server != null && this.manager.rotateFailedServer(server) && Run.this.failoverCheck
						&& !this.checkFoundNone && !this.manager.isOffline()) {
					checkFrontAfterFailover();
				}
			}

			/**
			 * What {@code ManagedService.checkFrontAfterFailover} does, on this thread: a
			 * pass in which nothing answered stops further checks until a rebalance finds
			 * a server (the service's offline re-check is not modelled here).
			 */
			private void checkFrontAfterFailover() {
				if (this.manager.checkFront((silent) -> {
				}) == RebalanceOutcome.OFFLINE) {
					this.checkFoundNone = true;
				}
			}

			@Override
			public int rebalances() {
				return this.rebalances;
			}

		}

		/** Spring's round robin over its health-checked, perhaps zone-filtered, list. */
		private final class RoundRobinClient implements Client {

			private final String zone;

			private final long checkInterval = Run.this.scenario.healthCheckInterval().toNanos();

			private int position = Run.this.random.nextInt(1000);

			private long nextCheck = Run.this.random.nextLong(this.checkInterval);

			/**
			 * What the supplier chain hands the round robin: checked, then zone-filtered.
			 */
			private List<VirtualServer> instances;

			RoundRobinClient(String zone) {
				this.zone = zone;
				this.instances = preferZone(Run.this.servers);
			}

			@Override
			public @Nullable VirtualServer choose(long nowNanos) {
				while (nowNanos >= this.nextCheck) {
					this.instances = preferZone(Run.this.servers.stream().filter(Run.this::answers).toList());
					this.nextCheck += this.checkInterval;
				}
				List<VirtualServer> instances = this.instances;
				if (instances.isEmpty()) {
					return null;
				}
				int pos = ++this.position & Integer.MAX_VALUE;
				return instances.get(pos % instances.size());
			}

			@Override
			public void failed(@Nullable VirtualServer server) {
				// Spring's round robin learns nothing from a failed request.
			}

			/**
			 * The instances of the client's zone when any is listed, else all of them.
			 */
			private List<VirtualServer> preferZone(List<VirtualServer> listed) {
				if (!Run.this.mode.zoneAware()) {
					return listed;
				}
				List<VirtualServer> local = listed.stream()
					.filter((server) -> this.zone.equals(zoneOf(server)))
					.toList();
				return local.isEmpty() ? listed : local;
			}

		}

	}

}
