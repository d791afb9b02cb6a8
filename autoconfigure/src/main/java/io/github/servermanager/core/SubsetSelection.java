package io.github.servermanager.core;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * Deterministic subsetting of size one (Google SRE book, chapter 20): every client of a
 * cluster puts a different server in front, without talking to the others.
 * <p>
 * Time is cut into rounds of one rebalance interval, counted on the wall clock, so all
 * clients agree on the round. In round {@code r} the client of rank {@code k} puts server
 * {@code (k + r) mod n} of the servers sorted by key in front: a permutation when there
 * are as many clients as servers, an even spread otherwise, and a different server every
 * round. The other servers follow in random order, so that the clients of a failed server
 * spread over the rest.
 * <p>
 * A client changes round at its own point in the round: ranks are spread over a window
 * just long enough for the rebalances to stay within the cluster's connection budget, so
 * small clusters switch together (no two clients share a front for long) and large ones
 * spread their reconnections as Consul does. With no rank (the application is not
 * registered in discovery) the selection falls back to a random front.
 *
 * @param <S> the server type
 */
public final class SubsetSelection<S> implements FrontSelection<S> {

	private static final Logger logger = System.getLogger(SubsetSelection.class.getName());

	/** The window holds twice the budget's share of switches when the round allows it. */
	private static final int BUDGET_HEADROOM = 2;

	private final Function<? super S, String> key;

	private final Supplier<@Nullable ClientRank> rank;

	private final LongSupplier wallClockMillis;

	private final int connsPerSecPerServer;

	private final FrontSelection<S> others;

	private final AtomicBoolean unrankedLogged = new AtomicBoolean();

	/** The round length last armed; every client of the cluster computes the same. */
	private volatile long roundMillis;

	/**
	 * Creates a subsetting selection.
	 * @param key the servers' identity, which orders them alike on every client
	 * @param rank this client's rank, or {@code null} while it is unknown
	 * @param wallClockMillis the wall clock in milliseconds since the epoch, the clock
	 * all clients share
	 * @param connsPerSecPerServer the cluster's reconnection budget
	 * @param others orders the servers behind the front, and all of them when the rank is
	 * unknown
	 * @param round the round length until the schedule arms one
	 */
	public SubsetSelection(Function<? super S, String> key, Supplier<@Nullable ClientRank> rank,
			LongSupplier wallClockMillis, int connsPerSecPerServer, FrontSelection<S> others, Duration round) {
		this.key = Objects.requireNonNull(key, "key must not be null");
		this.rank = Objects.requireNonNull(rank, "rank must not be null");
		this.wallClockMillis = Objects.requireNonNull(wallClockMillis, "wallClockMillis must not be null");
		if (connsPerSecPerServer < 1) {
			throw new IllegalArgumentException(
					"connsPerSecPerServer must be at least 1, but was " + connsPerSecPerServer);
		}
		this.connsPerSecPerServer = connsPerSecPerServer;
		this.others = Objects.requireNonNull(others, "others must not be null");
		this.roundMillis = Math.max(1, round.toMillis());
	}

	@Override
	public List<S> order(List<S> servers) {
		ClientRank client = this.rank.get();
		if (client == null && this.unrankedLogged.compareAndSet(false, true)) {
			logger.log(Level.INFO, "This client's rank among its application's instances is unknown (is it "
					+ "registered in discovery?): using a random front until it is known");
		}
		if (client == null || servers.isEmpty()) {
			return this.others.order(servers);
		}
		List<S> sorted = new ArrayList<>(servers);
		sorted.sort(Comparator.comparing(this.key));
		long round = roundAt(this.wallClockMillis.getAsLong(), client, servers.size());
		S front = sorted.get((int) Math.floorMod(client.index() + round, (long) sorted.size()));
		String frontKey = this.key.apply(front);
		List<S> ordered = new ArrayList<>(servers.size());
		ordered.add(front);
		for (S server : this.others.order(servers)) {
			if (!this.key.apply(server).equals(frontKey)) {
				ordered.add(server);
			}
		}
		return ordered;
	}

	/**
	 * Waits for this client's next switch point, whatever the schedule drew: rounds
	 * replace the random stagger, and each client still rebalances once per interval.
	 */
	@Override
	public Duration rebalanceDelay(Duration drawn, Duration baseInterval, int servers) {
		ClientRank client = this.rank.get();
		if (client == null || servers == 0) {
			return drawn;
		}
		this.roundMillis = Math.max(1, baseInterval.toMillis());
		long now = this.wallClockMillis.getAsLong();
		long next = (roundAt(now, client, servers) + 1) * this.roundMillis + offsetMillis(client, servers);
		return Duration.ofMillis(next - now);
	}

	/**
	 * Returns the round this client is in at a time: it changes at the client's own
	 * offset into each round.
	 * @param nowMillis the wall-clock time
	 * @param client the client's rank
	 * @param servers how many servers there are
	 * @return the round number
	 */
	long roundAt(long nowMillis, ClientRank client, int servers) {
		return Math.floorDiv(nowMillis - offsetMillis(client, servers), this.roundMillis);
	}

	/**
	 * Spreads the ranks evenly over a window in which the switches open at most the
	 * budget per server per second: {@code clients / (servers x budget)} seconds, doubled
	 * for headroom, never longer than a round.
	 */
	private long offsetMillis(ClientRank client, int servers) {
		long budgetWindow = BUDGET_HEADROOM * 1000L * client.clients()
				/ ((long) Math.max(1, servers) * this.connsPerSecPerServer);
		long window = Math.min(this.roundMillis, budgetWindow);
		return window * client.index() / client.clients();
	}

}
