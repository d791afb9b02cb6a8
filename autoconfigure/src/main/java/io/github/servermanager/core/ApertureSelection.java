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
 * Deterministic aperture (after Finagle's): the clients of a cluster share its servers
 * evenly at any ratio, without talking to each other.
 * <p>
 * The servers, sorted by key, form a ring, and the clients tile it in the order of their
 * rank: the client of rank {@code i} among {@code m} covers the slice of the ring from
 * {@code i / m}, {@code 1 / m} wide. It spreads its requests over the servers its slice
 * overlaps, in proportion to the overlap, so every server carries exactly its fair share
 * and a client holds at most {@code ceil(servers / clients) + 1} connections. When there
 * are at least as many clients as servers each client takes the one server its slice
 * starts in, the seed's single front, and the clients of each server are as many as they
 * can be, give or take one.
 * <p>
 * Time is cut into rounds of one rebalance interval, counted on the wall clock, so that
 * every client agrees on the round; each round the slices move one server along the ring,
 * so every client changes servers once per interval, as Consul's shuffle does, and the
 * tiling stays exact. A client changes round at its own point in the round: the ranks are
 * spread over a window just long enough for the new connections to stay within the
 * cluster's budget. A change of rank (a client joined or left) or of the servers moves
 * the slices at once, each client at its point of that window.
 * <p>
 * The servers outside the slice follow it in ring order, starting at a point that differs
 * between the clients of one server, so that when a server fails its clients spread over
 * the others. With no rank (the application is not registered in discovery) the selection
 * falls back to another, the seed's shuffle by default.
 *
 * @param <S> the server type
 */
public final class ApertureSelection<S> implements FrontSelection<S> {

	private static final Logger logger = System.getLogger(ApertureSelection.class.getName());

	/** The window holds twice the budget's share of switches when the round allows it. */
	private static final int BUDGET_HEADROOM = 2;

	private final Function<? super S, String> key;

	private final Supplier<@Nullable ClientRank> rank;

	private final LongSupplier wallClockMillis;

	private final int connsPerSecPerServer;

	private final FrontSelection<S> unranked;

	private final AtomicBoolean unrankedLogged = new AtomicBoolean();

	/** The round length last armed; every client of the cluster computes the same. */
	private volatile long roundMillis;

	/** The rank the last selection was made with, {@code null} when it was unknown. */
	private volatile @Nullable ClientRank selectedWith;

	/** The servers the last selection was made over, as {@link #ringOf} sums them up. */
	private volatile long selectedRing;

	/** When a rank or servers other than those of the last selection were seen, or -1. */
	private volatile long changeSeenAt = -1;

	/**
	 * Creates an aperture selection.
	 * @param key the servers' identity, which orders the ring alike on every client
	 * @param rank this client's rank, or {@code null} while it is unknown
	 * @param wallClockMillis the wall clock in milliseconds since the epoch, the clock
	 * all clients share
	 * @param connsPerSecPerServer the cluster's reconnection budget
	 * @param unranked orders the servers while the rank is unknown
	 * @param round the round length until the schedule arms one
	 */
	public ApertureSelection(Function<? super S, String> key, Supplier<@Nullable ClientRank> rank,
			LongSupplier wallClockMillis, int connsPerSecPerServer, FrontSelection<S> unranked, Duration round) {
		this.key = Objects.requireNonNull(key, "key must not be null");
		this.rank = Objects.requireNonNull(rank, "rank must not be null");
		this.wallClockMillis = Objects.requireNonNull(wallClockMillis, "wallClockMillis must not be null");
		if (connsPerSecPerServer < 1) {
			throw new IllegalArgumentException(
					"connsPerSecPerServer must be at least 1, but was " + connsPerSecPerServer);
		}
		this.connsPerSecPerServer = connsPerSecPerServer;
		this.unranked = Objects.requireNonNull(unranked, "unranked must not be null");
		this.roundMillis = Math.max(1, round.toMillis());
	}

	@Override
	public List<S> order(List<S> servers) {
		return select(servers).order();
	}

	@Override
	public Selection<S> select(List<S> servers) {
		ClientRank client = this.rank.get();
		this.selectedWith = client;
		this.selectedRing = ringOf(servers);
		this.changeSeenAt = -1;
		if (client == null && this.unrankedLogged.compareAndSet(false, true)) {
			logger.log(Level.INFO, "This client's rank among its application's instances is unknown (is it "
					+ "registered in discovery?): using a random front until it is known");
		}
		if (client == null || servers.isEmpty()) {
			return this.unranked.select(servers);
		}
		List<S> ring = new ArrayList<>(servers);
		ring.sort(Comparator.comparing(this.key));
		long round = roundAt(this.wallClockMillis.getAsLong(), client, ring.size());
		return slice(ring, client, round);
	}

	/**
	 * Returns the rank the last selection was made with, which placed the slice the
	 * manager's aperture came from. It may differ from the rank known now until the next
	 * rebalance ({@link #outdated}).
	 * @return the rank, or {@code null} before the first selection and when the last one
	 * found the rank unknown and fell back to the other selection
	 */
	public @Nullable ClientRank rank() {
		return this.selectedWith;
	}

	/**
	 * Returns the slice of a client in a round: its servers in ring order with their
	 * overlap, then the other servers.
	 * @param ring the servers sorted by key
	 * @param client the client's rank
	 * @param round the round, by which the slices have moved along the ring
	 * @return the selection
	 */
	static <S> Selection<S> slice(List<S> ring, ClientRank client, long round) {
		int servers = ring.size();
		int clients = client.clients();
		List<S> order = new ArrayList<>(servers);
		List<Double> shares = new ArrayList<>();
		int first;
		int covered;
		if (clients >= servers) {
			// Positions are counted in servers: the slice starts at i * servers /
			// clients.
			first = (int) ((long) client.index() * servers / clients);
			covered = 1;
			shares.add(1.0);
		}
		else {
			// Positions are counted in 1/clients of a server, so that every bound is
			// whole: the slice is [i * servers, (i + 1) * servers) and server j covers
			// [j * clients, (j + 1) * clients).
			long start = (long) client.index() * servers;
			long end = start + servers;
			first = (int) (start / clients);
			int last = (int) ((end - 1) / clients);
			covered = last - first + 1;
			for (int j = first; j <= last; j++) {
				long overlap = Math.min(end, (j + 1L) * clients) - Math.max(start, (long) j * clients);
				shares.add((double) overlap);
			}
		}
		int offset = (int) Math.floorMod(first + round, (long) servers);
		for (int j = 0; j < covered; j++) {
			order.add(ring.get((offset + j) % servers));
		}
		int rest = servers - covered;
		if (rest > 0) {
			// The clients of one server start their fallback at different servers.
			int stagger = client.index() % rest;
			for (int j = 0; j < rest; j++) {
				order.add(ring.get((offset + covered + (stagger + j) % rest) % servers));
			}
		}
		return new Selection<>(order, shares);
	}

	/**
	 * True once the rank, or the servers of the ring, differ from those of the last
	 * selection and this client's point of the budget window has passed since the change
	 * was seen: the slices of every client move together, within the budget.
	 */
	@Override
	public boolean outdated(List<S> servers) {
		ClientRank client = this.rank.get();
		boolean sameRing = ringOf(servers) == this.selectedRing;
		if (Objects.equals(client, this.selectedWith) && (client == null || sameRing)) {
			return false;
		}
		long now = this.wallClockMillis.getAsLong();
		long seen = this.changeSeenAt;
		if (seen < 0) {
			this.changeSeenAt = now;
			seen = now;
		}
		return client == null || now - seen >= offsetMillis(client, servers.size());
	}

	/**
	 * Sums up a set of servers, whatever their order: their number and their keys.
	 */
	private long ringOf(List<S> servers) {
		long keys = 0;
		for (S server : servers) {
			keys += this.key.apply(server).hashCode();
		}
		return (keys << 20) ^ servers.size();
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
	 * Spreads the clients of each server evenly over a window in which the switches open
	 * at most the budget per server per second: {@code clients / (servers x budget)}
	 * seconds, doubled for headroom, never longer than a round.
	 */
	private long offsetMillis(ClientRank client, int servers) {
		long ring = Math.max(1, servers);
		long budgetWindow = BUDGET_HEADROOM * 1000L * client.clients() / (ring * this.connsPerSecPerServer);
		long window = Math.min(this.roundMillis, budgetWindow);
		// Consecutive ranks share a server when clients outnumber servers: ordering the
		// switches by i * servers mod clients spreads every server's clients over the
		// whole window, so each server hands over to the next at the same pace as it
		// takes over from the one before.
		long place = ((long) client.index() * ring) % client.clients();
		return window * place / client.clients();
	}

}
