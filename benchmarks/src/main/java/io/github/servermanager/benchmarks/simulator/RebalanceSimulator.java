package io.github.servermanager.benchmarks.simulator;

import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.function.IntSupplier;
import java.util.random.RandomGenerator;

import io.github.servermanager.benchmarks.simulator.SimulationResult.IntervalStatistics;
import io.github.servermanager.core.ApertureSelection;
import io.github.servermanager.core.ClientRank;
import io.github.servermanager.core.FrontSelection;
import io.github.servermanager.core.RebalanceSchedule;
import io.github.servermanager.core.ServerManager;

import org.jspecify.annotations.Nullable;

/**
 * Drives one real {@link ServerManager} and {@link RebalanceSchedule} per client on a
 * virtual clock. Membership and pings are simulated: every server answers, and a client
 * sees the membership its scenario gives it.
 * <p>
 * Only the next event is ever looked at: clients wait in a heap ordered by deadline, and
 * membership changes are merged in by time, so the cost grows with the number of
 * rebalances, not with clients times seconds. Each membership change is passed to the
 * schedule at its instant ({@link RebalanceSchedule#membershipChanged}), as the real
 * service does from the manager's listener.
 */
public final class RebalanceSimulator {

	private static final long NANOS_PER_SECOND = TimeUnit.SECONDS.toNanos(1);

	private static final long NOT_REBALANCED = Long.MIN_VALUE;

	/** Within 10% of the fair share counts as balanced. */
	private static final double FAIR_SHARE_TOLERANCE = 0.10;

	private final long seed;

	private final @Nullable IntFunction<RandomGenerator> clientRandom;

	/**
	 * Creates a simulator whose runs are reproducible for a given seed.
	 * @param seed seeds join times and every client's generator
	 */
	public RebalanceSimulator(long seed) {
		this.seed = seed;
		this.clientRandom = null;
	}

	/**
	 * Creates a simulator with a given generator for each client, so that tests can
	 * script shuffles and staggers.
	 * @param seed seeds join times
	 * @param clientRandom gives client {@code i} its generator, once per run
	 */
	public RebalanceSimulator(long seed, IntFunction<RandomGenerator> clientRandom) {
		this.seed = seed;
		this.clientRandom = clientRandom;
	}

	/**
	 * Runs a scenario under a schedule.
	 * @param scenario what to model
	 * @param variant which schedule the managers follow
	 * @return what was measured
	 */
	public SimulationResult run(Scenario scenario, ScheduleVariant variant) {
		return run(scenario, variant, FrontMode.RANDOM);
	}

	/**
	 * Runs a scenario under a schedule, the clients choosing their front in a given way.
	 * @param scenario what to model
	 * @param variant which schedule the managers follow
	 * @param frontMode how the clients choose their front; a client's rank in the cluster
	 * is its index
	 * @return what was measured
	 */
	public SimulationResult run(Scenario scenario, ScheduleVariant variant, FrontMode frontMode) {
		SplittableRandom root = new SplittableRandom(this.seed);
		RandomGenerator joins = root.split();
		RandomGenerator[] randoms = new RandomGenerator[scenario.clients()];
		for (int client = 0; client < randoms.length; client++) {
			randoms[client] = (this.clientRandom != null) ? this.clientRandom.apply(client) : root.split();
		}
		return new Run(scenario, variant, frontMode, randoms).execute(joins);
	}

	/** The state of one run. */
	private static final class Run {

		private final Scenario scenario;

		private final ScheduleVariant variant;

		private final FrontMode frontMode;

		private final RandomGenerator[] randoms;

		private final int serverCount;

		private final long t0;

		private final long end;

		private final IntSupplier clusterSize;

		private final DeadlineQueue queue;

		private final ServerManager<VirtualServer>[] managers;

		private final RebalanceSchedule[] schedules;

		private final boolean[] rebalancedInWindow;

		/**
		 * When each client's current front came in front, from its first rebalance on:
		 * the front a client joins with is drawn at random in every mode, so its stay
		 * says nothing about the mode.
		 */
		private final long[] frontSince;

		private long longestStayNanos;

		/** The virtual time, which the aperture clients read as their wall clock. */
		private long nowNanos;

		private final int[] holdersNow;

		private final int[] rebalances;

		private final int[] newConnections;

		private final int[] holderSamples;

		private int nextSample;

		private int changeIndex;

		private int rebalancedClients;

		private long allRebalancedAfterNanos = -1;

		private boolean balanced;

		private long balancedSinceNanos;

		private boolean startCaptured;

		private long longestWaitAtStartNanos = -1;

		private long intervalCount;

		private long intervalMin = Long.MAX_VALUE;

		private long intervalMax = Long.MIN_VALUE;

		private double intervalSum;

		@SuppressWarnings("unchecked")
		Run(Scenario scenario, ScheduleVariant variant, FrontMode frontMode, RandomGenerator[] randoms) {
			this.scenario = scenario;
			this.variant = variant;
			this.frontMode = frontMode;
			this.randoms = randoms;
			this.serverCount = scenario.servers().size();
			this.t0 = scenario.measureFromNanos();
			this.end = scenario.measureToNanos();
			int size = scenario.clusterSize();
			this.clusterSize = () -> size;
			int clients = scenario.clients();
			this.queue = new DeadlineQueue(clients);
			this.managers = new ServerManager[clients];
			this.schedules = new RebalanceSchedule[clients];
			this.rebalancedInWindow = new boolean[clients];
			this.frontSince = new long[clients];
			this.holdersNow = new int[this.serverCount];
			int seconds = scenario.measureSeconds();
			this.rebalances = new int[seconds * this.serverCount];
			this.newConnections = new int[seconds * this.serverCount];
			this.holderSamples = new int[(seconds + 1) * this.serverCount];
		}

		SimulationResult execute(RandomGenerator joins) {
			long span = this.scenario.joinSpanNanos();
			for (int client = 0; client < this.scenario.clients(); client++) {
				long offset = (span > 0) ? joins.nextLong(span) : 0;
				// Until a client joins, its place in the queue holds its join time.
				this.queue.schedule(client, this.scenario.joinFromNanos() + offset);
			}
			List<MembershipChange> changes = this.scenario.changes();
			while (true) {
				long nextChange = (this.changeIndex < changes.size()) ? changes.get(this.changeIndex).atNanos()
						: Long.MAX_VALUE;
				long nextDeadline = this.queue.peekDeadline();
				long now = Math.min(nextChange, nextDeadline);
				if (now >= this.end) {
					break;
				}
				advanceTo(now);
				this.nowNanos = now;
				if (nextChange <= nextDeadline) {
					apply(changes.get(this.changeIndex++), now);
				}
				else {
					int client = this.queue.peekClient();
					if (this.managers[client] == null) {
						join(client, now);
					}
					else {
						rebalance(client, now);
					}
				}
			}
			finish();
			for (int client = 0; client < this.frontSince.length; client++) {
				if (this.managers[client] != null && this.frontSince[client] != NOT_REBALANCED) {
					this.longestStayNanos = Math.max(this.longestStayNanos, this.end - this.frontSince[client]);
				}
			}
			return new SimulationResult(this.scenario, this.variant, this.rebalances, this.newConnections,
					this.holderSamples, intervalStatistics(), this.allRebalancedAfterNanos, balancedAfter(),
					this.longestWaitAtStartNanos, this.frontMode, this.longestStayNanos);
		}

		/**
		 * Records the cluster as it was at each whole second, and at t0, before now: a
		 * sample holds everything that happened up to and including its instant.
		 */
		private void advanceTo(long now) {
			if (!this.startCaptured && now > this.t0) {
				captureStart();
			}
			while (this.nextSample <= this.scenario.measureSeconds()
					&& this.t0 + this.nextSample * NANOS_PER_SECOND < now) {
				takeSample();
			}
		}

		/** Nothing happens at or after the end of the window, so the rest is known. */
		private void finish() {
			if (!this.startCaptured) {
				captureStart();
			}
			while (this.nextSample <= this.scenario.measureSeconds()) {
				takeSample();
			}
		}

		private void takeSample() {
			System.arraycopy(this.holdersNow, 0, this.holderSamples, this.nextSample * this.serverCount,
					this.serverCount);
			this.nextSample++;
		}

		private void captureStart() {
			this.startCaptured = true;
			for (int client = 0; client < this.schedules.length; client++) {
				if (this.schedules[client] != null) {
					this.longestWaitAtStartNanos = Math.max(this.longestWaitAtStartNanos,
							this.schedules[client].deadlineNanos() - this.t0);
				}
			}
		}

		private void join(int client, long now) {
			ServerManager.Builder<VirtualServer> builder = ServerManager.<VirtualServer>builder(VirtualServer::key)
				.clusterSize(this.clusterSize)
				.random(this.randoms[client]);
			if (this.frontMode == FrontMode.APERTURE) {
				ClientRank rank = new ClientRank(client, this.scenario.clients());
				builder.frontSelection(new ApertureSelection<>(VirtualServer::key, () -> rank,
						() -> Math.floorDiv(this.nowNanos, 1_000_000L), ServerManager.DEFAULT_CONNS_PER_SEC_PER_SERVER,
						FrontSelection.random(this.randoms[client]), ServerManager.DEFAULT_MIN_REUSE));
			}
			ServerManager<VirtualServer> manager = builder.build();
			this.managers[client] = manager;
			manager.syncServers(viewAt(client, now));
			this.frontSince[client] = NOT_REBALANCED;
			move(-1, frontOf(client), now);
			RebalanceSchedule schedule = new RebalanceSchedule(manager, this.variant.spread(),
					this.variant.rearmOnMembershipChange(), now);
			this.schedules[client] = schedule;
			this.queue.schedule(client, schedule.deadlineNanos());
		}

		private List<VirtualServer> viewAt(int client, long now) {
			List<VirtualServer> view = this.scenario.initialView();
			for (MembershipChange change : this.scenario.changes()) {
				if (change.atNanos() <= now && change.covers(client)) {
					view = change.servers();
				}
			}
			return view;
		}

		private void apply(MembershipChange change, long now) {
			for (int client = change.fromClient(); client < change.toClient(); client++) {
				ServerManager<VirtualServer> manager = this.managers[client];
				if (manager == null) {
					// Not joined yet: it sees this membership when it joins.
					continue;
				}
				int before = frontOf(client);
				manager.syncServers(change.servers());
				move(before, frontOf(client), now);
				if (frontOf(client) != before && this.frontSince[client] != NOT_REBALANCED) {
					this.frontSince[client] = now;
				}
				RebalanceSchedule schedule = this.schedules[client];
				schedule.membershipChanged(now);
				this.queue.schedule(client, schedule.deadlineNanos());
			}
		}

		private void rebalance(int client, long now) {
			RebalanceSchedule schedule = this.schedules[client];
			if (!schedule.isDue(now)) {
				this.queue.schedule(client, schedule.deadlineNanos());
				return;
			}
			int before = frontOf(client);
			VirtualServer chosen = this.managers[client].rebalance().chosen();
			int after = frontOf(client);
			move(before, after, now);
			if (this.frontSince[client] == NOT_REBALANCED) {
				this.frontSince[client] = now;
			}
			else if (after != before) {
				if (now >= this.t0) {
					this.longestStayNanos = Math.max(this.longestStayNanos, now - this.frontSince[client]);
				}
				this.frontSince[client] = now;
			}
			Duration interval = schedule.rebalanced(now);
			this.queue.schedule(client, schedule.deadlineNanos());
			if (now < this.t0) {
				return;
			}
			int offset = (int) ((now - this.t0) / NANOS_PER_SECOND) * this.serverCount;
			if (chosen != null) {
				this.rebalances[offset + chosen.index()]++;
			}
			if (after != before && after >= 0) {
				this.newConnections[offset + after]++;
			}
			recordInterval(interval.toNanos());
			if (!this.rebalancedInWindow[client]) {
				this.rebalancedInWindow[client] = true;
				this.rebalancedClients++;
				if (this.rebalancedClients == this.scenario.clients()) {
					this.allRebalancedAfterNanos = now - this.t0;
				}
			}
		}

		/**
		 * The head of the client's list: its front, or the first server of its aperture,
		 * which is the whole aperture when there are at least as many clients as servers.
		 */
		private int frontOf(int client) {
			List<VirtualServer> servers = this.managers[client].servers();
			return servers.isEmpty() ? -1 : servers.get(0).index();
		}

		private void move(int from, int to, long now) {
			if (from == to) {
				return;
			}
			if (from >= 0) {
				this.holdersNow[from]--;
			}
			if (to >= 0) {
				this.holdersNow[to]++;
			}
			boolean balancedNow = isBalanced();
			if (balancedNow && !this.balanced) {
				this.balancedSinceNanos = now;
			}
			this.balanced = balancedNow;
		}

		private boolean isBalanced() {
			double fair = this.scenario.fairShare();
			double tolerance = fair * FAIR_SHARE_TOLERANCE;
			for (int holders : this.holdersNow) {
				if (Math.abs(holders - fair) > tolerance) {
					return false;
				}
			}
			return true;
		}

		private long balancedAfter() {
			if (!this.balanced) {
				return -1;
			}
			return Math.max(0, this.balancedSinceNanos - this.t0);
		}

		private void recordInterval(long nanos) {
			this.intervalCount++;
			this.intervalMin = Math.min(this.intervalMin, nanos);
			this.intervalMax = Math.max(this.intervalMax, nanos);
			this.intervalSum += nanos;
		}

		private IntervalStatistics intervalStatistics() {
			if (this.intervalCount == 0) {
				return new IntervalStatistics(0, 0, 0, 0);
			}
			return new IntervalStatistics(this.intervalCount, this.intervalMin, this.intervalSum / this.intervalCount,
					this.intervalMax);
		}

	}

}
