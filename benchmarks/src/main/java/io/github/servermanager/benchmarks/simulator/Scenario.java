package io.github.servermanager.benchmarks.simulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What one simulation run models: who joins when, what each client sees, and which part
 * of the run is measured.
 *
 * @param name how tables name the scenario
 * @param clients how many client managers take part
 * @param servers every server there is; fair shares are counted over all of them
 * @param initialView what a client sees when it joins, until a membership change says
 * otherwise
 * @param joinFromNanos when the first client may join, on the virtual clock
 * @param joinSpanNanos clients join at uniformly random times in
 * {@code [joinFromNanos, joinFromNanos + joinSpanNanos)}; 0 joins them all at once
 * @param changes membership changes, in time order
 * @param measureFromNanos start of the measured window, "t0" in the tables
 * @param measureSeconds length of the measured window
 * @param clusterSize what each manager's cluster-size supplier returns
 */
public record Scenario(String name, int clients, List<VirtualServer> servers, List<VirtualServer> initialView,
		long joinFromNanos, long joinSpanNanos, List<MembershipChange> changes, long measureFromNanos,
		int measureSeconds, int clusterSize) {

	/** One hour of virtual time, the measured window of every standard scenario. */
	public static final int HOUR_SECONDS = 3600;

	private static final long HOUR = TimeUnit.SECONDS.toNanos(HOUR_SECONDS);

	public Scenario {
		if (clients < 1) {
			throw new IllegalArgumentException("clients must be at least 1, but was " + clients);
		}
		if (servers.isEmpty()) {
			throw new IllegalArgumentException("servers must not be empty");
		}
		if (joinSpanNanos < 0) {
			throw new IllegalArgumentException("joinSpanNanos must not be negative, but was " + joinSpanNanos);
		}
		if (measureSeconds < 1) {
			throw new IllegalArgumentException("measureSeconds must be at least 1, but was " + measureSeconds);
		}
		servers = List.copyOf(servers);
		initialView = List.copyOf(initialView);
		List<MembershipChange> sorted = new ArrayList<>(changes);
		sorted.sort(Comparator.comparingLong(MembershipChange::atNanos));
		changes = List.copyOf(sorted);
	}

	/**
	 * Clients that joined at random over the hour before t0, all seeing every server.
	 * @param clients the number of clients
	 * @param servers the number of servers
	 * @return the scenario
	 */
	public static Scenario steadyState(int clients, int servers) {
		List<VirtualServer> all = servers(servers);
		return new Scenario(clients(clients) + " clients / " + servers + " servers, steady state", clients, all, all,
				-HOUR, HOUR, List.of(), 0, HOUR_SECONDS, clients);
	}

	/**
	 * All but 5 clients saw only the first server for 6 minutes (a partition); at t0 they
	 * see all 5 again. The other 5 clients saw all servers throughout.
	 * <p>
	 * Six minutes is just longer than the longest interval before the partition (312.5 s
	 * at 100,000 clients), so every partitioned client has rebalanced once on one server
	 * and armed the long interval that one server implies: the case the seed's figures
	 * describe. {@link #partitionHeal(int, Duration, int)} varies the length.
	 * @param clients the number of clients, more than 5
	 * @return the scenario
	 */
	public static Scenario partitionHeal(int clients) {
		return partitionHeal(clients, Duration.ofMinutes(6), HOUR_SECONDS);
	}

	/**
	 * All but 5 clients saw only the first server for {@code partition}; at t0 they see
	 * all 5 again. Clients joined at random over the hour before the partition began.
	 * @param clients the number of clients, more than 5
	 * @param partition how long the partition lasted
	 * @param measureSeconds how long to measure after the heal
	 * @return the scenario
	 */
	public static Scenario partitionHeal(int clients, Duration partition, int measureSeconds) {
		if (clients <= 5) {
			throw new IllegalArgumentException("clients must be more than 5, but was " + clients);
		}
		List<VirtualServer> all = servers(5);
		int partitioned = clients - 5;
		long length = partition.toNanos();
		List<MembershipChange> changes = List.of(new MembershipChange(-length, 0, partitioned, List.of(all.get(0))),
				new MembershipChange(0, 0, partitioned, all));
		return new Scenario(
				"partition heal: " + clients(partitioned) + " of " + clients(clients)
						+ " clients saw 1 of 5 servers for " + minutes(partition),
				clients, all, all, -length - HOUR, HOUR, changes, 0, measureSeconds, clients);
	}

	/**
	 * A 6th server joins a steady 5-server cluster at t0.
	 * @param clients the number of clients
	 * @return the scenario
	 */
	public static Scenario sixthServerJoins(int clients) {
		List<VirtualServer> all = servers(6);
		List<VirtualServer> firstFive = all.subList(0, 5);
		List<MembershipChange> changes = List.of(new MembershipChange(0, 0, clients, all));
		return new Scenario("6th server joins " + clients(clients) + " clients / 5 servers", clients, all, firstFive,
				-HOUR, HOUR, changes, 0, HOUR_SECONDS, clients);
	}

	/**
	 * Every client starts within the same second, on the same membership: a fleet
	 * restart.
	 * @param clients the number of clients
	 * @param servers the number of servers
	 * @return the scenario
	 */
	public static Scenario coldStart(int clients, int servers) {
		List<VirtualServer> all = servers(servers);
		return new Scenario("cold start: " + clients(clients) + " clients / " + servers + " servers", clients, all, all,
				0, TimeUnit.SECONDS.toNanos(1), List.of(), 0, HOUR_SECONDS, clients);
	}

	/**
	 * Returns servers {@code server-0} to {@code server-(count-1)}.
	 * @param count how many
	 * @return the servers
	 */
	public static List<VirtualServer> servers(int count) {
		List<VirtualServer> servers = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			servers.add(new VirtualServer(i, "server-" + i));
		}
		return List.copyOf(servers);
	}

	/**
	 * Returns the fair share of clients per server.
	 * @return clients divided by servers
	 */
	public double fairShare() {
		return (double) this.clients / this.servers.size();
	}

	/**
	 * Returns the end of the measured window.
	 * @return the end, on the virtual clock
	 */
	public long measureToNanos() {
		return this.measureFromNanos + TimeUnit.SECONDS.toNanos(this.measureSeconds);
	}

	private static String minutes(Duration duration) {
		return (duration.toSeconds() % 60 == 0) ? duration.toMinutes() + " min" : duration.toSeconds() + " s";
	}

	private static String clients(int count) {
		return String.format("%,d", count);
	}

}
