package io.github.servermanager.core;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntSupplier;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.random.RandomGenerator;

import org.jspecify.annotations.Nullable;

/**
 * Keeps one client's ordered list of servers, after Consul's client-side server manager.
 * <p>
 * The client always talks to the server in front ({@link #findServer()}). When that
 * server fails, {@link #notifyFailedServer} moves it to the end so the next one takes
 * over at once. A {@link FrontSelection} may instead give the first few servers of the
 * list shares of the requests (an {@link Aperture}); a failed one of them leaves it the
 * same way, and the others take its share. Every few minutes
 * ({@link #nextRebalanceDelay()}) the caller runs {@link #rebalanceServers()}, which
 * shuffles the list, pings until a server answers and reconciles the result with
 * membership changes that happened meanwhile. The interval grows with the cluster so that
 * all clients together open a bounded number of new connections per server per second.
 * <p>
 * The published list is immutable and replaced whole (copy-on-write behind an atomic
 * reference): readers never lock, writers serialize on one lock, and failure notices that
 * find the lock contended are dropped rather than queued.
 *
 * @param <S> the server type; servers are told apart by the key function, not by
 * {@code equals}
 */
public final class ServerManager<S> {

	private static final Logger logger = System.getLogger(ServerManager.class.getName());

	/** Consul's clientRPCMinReuseDuration. */
	public static final Duration DEFAULT_MIN_REUSE = Duration.ofSeconds(120);

	/** Consul's clientRPCJitterFraction. */
	public static final int DEFAULT_JITTER_FRACTION = 2;

	/** Consul's newRebalanceConnsPerSecPerServer. */
	public static final int DEFAULT_CONNS_PER_SEC_PER_SERVER = 64;

	private final Function<? super S, String> key;

	private final Pinger<? super S> pinger;

	private final IntSupplier clusterSize;

	private final RandomGenerator random;

	private final Duration minReuse;

	private final int jitterFraction;

	private final int connsPerSecPerServer;

	private final int connectionsPerRebalance;

	private final ServerManagerListener<S> listener;

	private final FrontSelection<S> frontSelection;

	private final AtomicReference<Snapshot<S>> published = new AtomicReference<>(Snapshot.empty());

	/**
	 * Counts the requests an aperture of several servers has spread, to place the next.
	 */
	private final AtomicLong spread = new AtomicLong();

	private final ReentrantLock listLock = new ReentrantLock();

	/** Lets one failure notice through at a time; the others are dropped, not queued. */
	private final AtomicBoolean notifyFailedBarrier = new AtomicBoolean();

	/** No servers, or none answered at the last rebalance. New managers start offline. */
	private volatile boolean offline = true;

	/**
	 * Counts the writes that brought a server in (and cleared {@link #offline}), guarded
	 * by {@link #listLock}. A rebalance whose pings all failed goes offline only if this
	 * did not move while it pinged: a server added meanwhile was not pinged, and the
	 * "online" its writer set must stand.
	 */
	private long additions;

	/** Set once "no servers" has been logged, cleared when servers arrive again. */
	private final AtomicBoolean emptyWarned = new AtomicBoolean();

	private ServerManager(Builder<S> builder) {
		this.key = builder.key;
		this.pinger = builder.pinger;
		this.clusterSize = builder.clusterSize;
		this.random = builder.random;
		this.minReuse = builder.minReuse;
		this.jitterFraction = builder.jitterFraction;
		this.connsPerSecPerServer = builder.connsPerSecPerServer;
		this.connectionsPerRebalance = builder.connectionsPerRebalance;
		this.listener = builder.listener;
		this.frontSelection = (builder.frontSelection != null) ? builder.frontSelection
				: FrontSelection.random(this.random);
	}

	/**
	 * Starts a builder.
	 * @param key gives each server its identity; two servers with the same key are the
	 * same server, perhaps with new details
	 * @param <S> the server type
	 * @return a builder with Consul's defaults
	 */
	public static <S> Builder<S> builder(Function<? super S, String> key) {
		return new Builder<>(Objects.requireNonNull(key, "key must not be null"));
	}

	/**
	 * Adds a server at the end of the list, or replaces the server with the same key in
	 * place. A new server is used once a rebalance or failures bring it to the front.
	 * Clears the offline flag, since a server was just seen.
	 * @param server the server to add
	 */
	public void addServer(S server) {
		String serverKey = keyOf(Objects.requireNonNull(server, "server must not be null"));
		write((current) -> {
			List<S> next = new ArrayList<>(current.size() + 1);
			boolean replaced = false;
			for (S existing : current) {
				if (!replaced && keyOf(existing).equals(serverKey)) {
					next.add(server);
					replaced = true;
				}
				else {
					next.add(existing);
				}
			}
			if (!replaced) {
				next.add(server);
			}
			this.additions++;
			this.offline = false;
			return next;
		});
	}

	/**
	 * Removes the server with the same key, if known.
	 * @param server the server to remove
	 */
	public void removeServer(S server) {
		String serverKey = keyOf(Objects.requireNonNull(server, "server must not be null"));
		write((current) -> {
			int index = indexOf(current, serverKey);
			if (index < 0) {
				return null;
			}
			List<S> remaining = new ArrayList<>(current.size() - 1);
			remaining.addAll(current.subList(0, index));
			remaining.addAll(current.subList(index + 1, current.size()));
			return remaining;
		});
	}

	/**
	 * Makes the list match a membership snapshot, as a discovery refresh reports it.
	 * Known servers keep their place (with the new details), servers no longer listed are
	 * removed and new ones are appended, so a refresh never moves the server in front
	 * unless it left. A manager that held no servers takes the membership in the order of
	 * its {@link FrontSelection} (random by default), so that clients which start
	 * together do not all pick the first server discovery lists, and a client starts in
	 * its own zone. For the same reason the servers appended are put in the selection's
	 * order when the front left. Adding a server not known before clears the offline
	 * flag.
	 * @param membership every server there is now; a repeated key keeps its last entry
	 */
	public void syncServers(Collection<? extends S> membership) {
		Objects.requireNonNull(membership, "membership must not be null");
		Map<String, S> incoming = new LinkedHashMap<>();
		for (S server : membership) {
			Objects.requireNonNull(server, "membership must not contain null servers");
			incoming.put(keyOf(server), server);
		}
		writePublished((published) -> {
			List<S> current = published.servers();
			List<S> merged = new ArrayList<>(incoming.size());
			Set<String> kept = new HashSet<>();
			for (S existing : current) {
				String existingKey = keyOf(existing);
				S update = incoming.get(existingKey);
				if (update != null) {
					merged.add(update);
					kept.add(existingKey);
				}
			}
			int before = merged.size();
			incoming.forEach((serverKey, server) -> {
				if (!kept.contains(serverKey)) {
					merged.add(server);
				}
			});
			boolean added = merged.size() > before;
			List<S> next = merged;
			Selection<S> first = null;
			if (current.isEmpty()) {
				first = select(merged);
				next = first.order();
			}
			else if (!kept.contains(keyOf(current.get(0)))) {
				// The front left: when every server was replaced (a blue/green switch, a
				// rollout with new instance ids) the new front comes from the servers
				// appended, and in discovery's order every client would pick the same
				// one.
				List<S> appended = merged.subList(before, merged.size());
				List<S> ordered = select(appended).order();
				appended.clear();
				appended.addAll(ordered);
			}
			if (sameServers(current, next)) {
				return null;
			}
			if (added) {
				this.additions++;
				this.offline = false;
			}
			return (first != null) ? published(next, sharesOf(first), total(first))
					: carryAperture(published, next, null);
		});
	}

	/**
	 * Applies a change to every server, for details that belong to all of them at once
	 * (Consul's UpdateTLS). Keys must not change.
	 * @param update returns the new version of a server
	 */
	public void updateServers(UnaryOperator<S> update) {
		Objects.requireNonNull(update, "update must not be null");
		write((current) -> {
			List<S> updated = new ArrayList<>(current.size());
			for (S existing : current) {
				S replacement = Objects.requireNonNull(update.apply(existing), "update must not return null");
				if (!keyOf(replacement).equals(keyOf(existing))) {
					throw new IllegalArgumentException("update must not change a server's key, but changed '"
							+ keyOf(existing) + "' to '" + keyOf(replacement) + "'");
				}
				updated.add(replacement);
			}
			return updated;
		});
	}

	/**
	 * Returns the server to talk to: the front of the list, or with an aperture of
	 * several servers the next of them, each in proportion to its share. Never locks and
	 * allocates nothing. A failed front server stays here until
	 * {@link #notifyFailedServer} or a rebalance moves it, so that callers see the real
	 * error rather than no server.
	 * @return the front server, or {@code null} when there is none
	 */
	public @Nullable S findServer() {
		Snapshot<S> current = this.published.get();
		if (current.servers().isEmpty()) {
			if (this.emptyWarned.compareAndSet(false, true)) {
				logger.log(Level.WARNING, "No servers available");
			}
			return null;
		}
		return current.servers().get(spreadIndex(current.aperture()));
	}

	/**
	 * Returns the servers in the order a request tries them: the server
	 * {@link #findServer()} picks first, then the rest of the list in its order. With a
	 * single front this is {@link #servers()} itself.
	 * @return the servers for one request, front first
	 */
	public List<S> requestOrder() {
		Snapshot<S> current = this.published.get();
		if (current.servers().isEmpty()) {
			findServer();
			return current.servers();
		}
		int index = spreadIndex(current.aperture());
		return (index == 0) ? current.servers() : new PickedFirst<>(current.servers(), index);
	}

	/**
	 * Returns the servers that share the requests and their shares: the front alone
	 * unless the {@link FrontSelection} spreads requests over an aperture.
	 * @return the aperture, empty when there are no servers
	 */
	public Aperture<S> aperture() {
		return this.published.get().aperture();
	}

	/**
	 * Returns the list and its aperture as they were published together, for readers that
	 * show both. Picks no server.
	 * @return the snapshot
	 */
	public Snapshot<S> snapshot() {
		return this.published.get();
	}

	/**
	 * Places the next request of an aperture: points of a low-discrepancy sequence (the
	 * golden ratio's multiples, modulo 1) fall on each server in proportion to its share
	 * within a few requests, without a lock and without the clumps of random draws.
	 */
	private int spreadIndex(Aperture<S> aperture) {
		if (aperture.size() <= 1) {
			return 0;
		}
		long n = this.spread.getAndIncrement();
		double point = ((n * 0x9E3779B97F4A7C15L) >>> 11) * 0x1.0p-53;
		return aperture.indexAt(point);
	}

	/**
	 * Reports that a request to {@code server} failed. When it is in front (matched by
	 * key), or in the aperture, it moves to the end of the list so the next server takes
	 * over (or, in an aperture, the others take its share). Notices for any other server
	 * are ignored, and so are notices that arrive while another one is being applied:
	 * they most likely report the same failure.
	 * @param server the server that failed
	 */
	public void notifyFailedServer(S server) {
		rotateFailedServer(server);
	}

	/**
	 * Does what {@link #notifyFailedServer} does and tells whether this call moved the
	 * server, for callers that count failovers.
	 * @param server the server that failed
	 * @return {@code true} when this call moved {@code server} from the front (or the
	 * aperture) to the end, {@code false} when it was not there, was the only server, or
	 * another notice was being applied
	 */
	public boolean rotateFailedServer(S server) {
		Objects.requireNonNull(server, "server must not be null");
		Snapshot<S> current = this.published.get();
		if (current.servers().size() < 2 || apertureIndexOf(current, server) < 0) {
			return false;
		}
		if (!this.notifyFailedBarrier.compareAndSet(false, true)) {
			return false;
		}
		S failed = null;
		S newFront = null;
		try {
			this.listLock.lock();
			try {
				// The list may have changed while this thread waited for the lock.
				current = this.published.get();
				int index = apertureIndexOf(current, server);
				if (current.servers().size() > 1 && index >= 0) {
					List<S> cycled = moveToEnd(current.servers(), index);
					publish(carryAperture(current, cycled, server));
					failed = current.servers().get(index);
					newFront = cycled.get(0);
				}
			}
			finally {
				this.listLock.unlock();
			}
		}
		finally {
			this.notifyFailedBarrier.set(false);
		}
		if (failed == null || newFront == null) {
			return false;
		}
		logger.log(Level.DEBUG, () -> "Cycled away from server " + keyOf(server));
		S rotatedFrom = failed;
		S rotatedTo = newFront;
		callListener(() -> this.listener.serverRotated(rotatedFrom, rotatedTo));
		return true;
	}

	/**
	 * Returns how many servers are known, healthy or not.
	 * @return the number of servers
	 */
	public int numServers() {
		return this.published.get().servers().size();
	}

	/**
	 * Returns whether the manager has no server known to answer: it has never seen one,
	 * or none answered its ping at the last rebalance.
	 * @return {@code true} when offline
	 */
	public boolean isOffline() {
		return this.offline;
	}

	/**
	 * Shuffles the list and pings from the front until a server answers; see
	 * {@link #rebalance()}.
	 */
	public void rebalanceServers() {
		rebalance();
	}

	/**
	 * Orders a copy of the list by the {@link FrontSelection} (by default shuffles it, so
	 * that long-lived clients do not stay on long-lived servers), then pings from the
	 * front, moving each server that does not answer to the end of the copy. When one
	 * answers, the copy is reconciled with the list as it is now (servers removed
	 * meanwhile stay removed, servers added meanwhile are appended) and published. When
	 * none answers, the manager goes offline and keeps its order. When the server that
	 * answered was removed during the pings, nothing changes until the next rebalance.
	 * @return what the rebalance did
	 */
	public RebalanceResult<S> rebalance() {
		List<S> snapshot;
		long additionsAtStart;
		this.listLock.lock();
		try {
			snapshot = this.published.get().servers();
			additionsAtStart = this.additions;
		}
		finally {
			this.listLock.unlock();
		}
		Selection<S> selection = select(snapshot);
		List<S> candidates = selection.order();
		int apertureSize = selection.shares().size();
		// The aperture's servers are all pinged; past it, as in the seed, the others are
		// pinged in order until one answers, and it alone takes the requests.
		List<S> answered = new ArrayList<>(apertureSize);
		List<S> silent = new ArrayList<>();
		Map<String, Double> shares = new HashMap<>();
		boolean answeredInAperture = false;
		int pings = 0;
		for (S candidate : candidates) {
			if (pings >= apertureSize && !answered.isEmpty()) {
				break;
			}
			boolean inAperture = pings < apertureSize;
			pings++;
			if (ping(candidate)) {
				answered.add(candidate);
				shares.put(keyOf(candidate), inAperture ? selection.shares().get(pings - 1) : 1.0);
				answeredInAperture |= inAperture;
			}
			else {
				silent.add(candidate);
				if (Thread.currentThread().isInterrupted()) {
					// Shutting down: leave the list as it is rather than publish half a
					// search.
					return finishRebalance(new RebalanceResult<>(RebalanceOutcome.FROZEN, null, pings));
				}
			}
		}
		S healthy = answered.isEmpty() ? null : answered.get(0);
		setOffline(healthy == null, additionsAtStart);
		if (healthy == null) {
			logger.log(Level.DEBUG, "No healthy servers during rebalance, aborting");
			return finishRebalance(new RebalanceResult<>(RebalanceOutcome.OFFLINE, null, pings));
		}
		// The servers that answered lead; every server that failed its ping goes to the
		// back, in the order it was tried, so the published order also reflects what the
		// pings learned (Consul issue 3463).
		List<S> rebalanced = new ArrayList<>(candidates.size());
		rebalanced.addAll(answered);
		rebalanced.addAll(candidates.subList(pings, candidates.size()));
		rebalanced.addAll(silent);
		// Servers of the aperture that did not answer leave their shares to those that
		// did, split equally as a failure would; past the aperture, one server takes all.
		double total = answeredInAperture ? total(selection) : 1.0;
		if (!reconcile(rebalanced, shares, total)) {
			// The server that answered left while it was pinged: keep using the current
			// front until the next rebalance rather than guess.
			return finishRebalance(new RebalanceResult<>(RebalanceOutcome.FROZEN, healthy, pings));
		}
		S chosen = healthy;
		logger.log(Level.DEBUG, () -> "Rebalanced " + rebalanced.size() + " servers, active server " + keyOf(chosen));
		return finishRebalance(new RebalanceResult<>(RebalanceOutcome.HEALTHY, healthy, pings));
	}

	/**
	 * Pings the servers of the aperture (the front alone, with a single front) and, while
	 * one does not answer, moves it to the end, as a failure would, and pings again, at
	 * most once around the list. Unlike a rebalance it keeps the order of the servers
	 * that answer, so it can check the servers a failure left in charge without undoing
	 * that failure's rotation.
	 * @param silent told of each server that did not answer and was moved to the end
	 * @return {@link RebalanceOutcome#HEALTHY} when every server of the aperture
	 * answered, {@link RebalanceOutcome#OFFLINE} when none did,
	 * {@link RebalanceOutcome#FROZEN} when the check stopped early: another thread moved
	 * the server, the list is empty or the thread was interrupted
	 */
	public RebalanceOutcome checkFront(Consumer<? super S> silent) {
		Objects.requireNonNull(silent, "silent must not be null");
		int servers = numServers();
		for (int tried = 0; tried < servers; tried++) {
			List<S> aperture = aperture().servers();
			if (aperture.isEmpty()) {
				return RebalanceOutcome.FROZEN;
			}
			S unanswered = null;
			for (S server : aperture) {
				if (!ping(server)) {
					unanswered = server;
					break;
				}
			}
			if (unanswered == null) {
				return RebalanceOutcome.HEALTHY;
			}
			if (Thread.currentThread().isInterrupted() || !rotateFailedServer(unanswered)) {
				return RebalanceOutcome.FROZEN;
			}
			silent.accept(unanswered);
		}
		return (servers > 0) ? RebalanceOutcome.OFFLINE : RebalanceOutcome.FROZEN;
	}

	/**
	 * Returns an immutable snapshot of the list, front first.
	 * @return the servers
	 */
	public List<S> servers() {
		return this.published.get().servers();
	}

	/**
	 * Calls {@code fn} for each server, front first, until it returns {@code false}.
	 * @param fn the check to run
	 */
	public void checkServers(Predicate<? super S> fn) {
		Objects.requireNonNull(fn, "fn must not be null");
		for (S server : this.published.get().servers()) {
			if (!fn.test(server)) {
				return;
			}
		}
	}

	/**
	 * Returns how long to wait before the next rebalance, by Consul's formula: at least
	 * {@code minReuse} plus a random stagger of up to {@code minReuse / jitterFraction},
	 * and long enough that {@code clusterSize} clients rebalancing at this pace open no
	 * more than {@code connsPerSecPerServer} connections per second to each server, each
	 * rebalance counting {@code connectionsPerRebalance} connections.
	 * @return the delay
	 */
	public Duration nextRebalanceDelay() {
		Duration lowWatermark = this.minReuse
			.plus(RateScaling.randomStagger(this.minReuse.dividedBy(this.jitterFraction), this.random));
		return RateScaling.rateScaledInterval(clusterRate(), lowWatermark, clusterSize());
	}

	/**
	 * Lets the front selection move a deadline the schedule drew, for selections that
	 * change their choice in rounds.
	 * @param drawn the delay the schedule drew
	 * @return the delay to wait
	 * @see FrontSelection#rebalanceDelay
	 */
	Duration selectionDelay(Duration drawn) {
		return this.frontSelection.rebalanceDelay(drawn, rateScaledMinReuse(), numServers());
	}

	/**
	 * Returns whether the front selection's last choice no longer holds, so that the
	 * owner of the schedule rebalances before the deadline.
	 * @return {@code true} when a rebalance is due now
	 * @see FrontSelection#outdated
	 */
	public boolean selectionOutdated() {
		return this.frontSelection.outdated(servers());
	}

	/**
	 * Returns the cluster size this manager scales its interval by.
	 * @return the number of clients that share the servers, as the supplier reports it
	 */
	public int clusterSize() {
		return this.clusterSize.getAsInt();
	}

	/**
	 * Returns the shortest time a server stays in front between rebalances.
	 * @return the minimum reuse duration
	 */
	public Duration minReuse() {
		return this.minReuse;
	}

	/**
	 * Returns {@code max(minReuse, clusterSize / rate)}: Consul's interval before its
	 * stagger, for schedules that stagger after rate scaling.
	 */
	Duration rateScaledMinReuse() {
		return RateScaling.rateScaledInterval(clusterRate(), this.minReuse, clusterSize());
	}

	int jitterFraction() {
		return this.jitterFraction;
	}

	RandomGenerator random() {
		return this.random;
	}

	/** Rebalances per second the whole cluster may run: connections allowed / opened. */
	private double clusterRate() {
		return (double) numServers() * this.connsPerSecPerServer / this.connectionsPerRebalance;
	}

	private boolean ping(S server) {
		try {
			return this.pinger.ping(server);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
		catch (Exception ex) {
			logger.log(Level.DEBUG, () -> "Pinging server " + keyOf(server) + " failed: " + ex);
			return false;
		}
	}

	/**
	 * Records what a rebalance learned under the writer lock, so that it cannot overwrite
	 * the "online" of a server added while it pinged (the seed has this race).
	 */
	private void setOffline(boolean noneAnswered, long additionsAtStart) {
		this.listLock.lock();
		try {
			if (!noneAnswered) {
				this.offline = false;
			}
			else if (this.additions == additionsAtStart) {
				this.offline = true;
			}
		}
		finally {
			this.listLock.unlock();
		}
	}

	/**
	 * Publishes the rebalanced order, merged with what changed meanwhile.
	 * @return {@code false} when the chosen server was removed meanwhile, and nothing was
	 * published
	 */
	private boolean reconcile(List<S> rebalanced, Map<String, Double> shares, double total) {
		return writePublished((published) -> {
			List<S> current = published.servers();
			if (current.isEmpty() || rebalanced.isEmpty()) {
				return null;
			}
			Map<String, S> currentByKey = new HashMap<>(current.size() * 2);
			for (S server : current) {
				currentByKey.put(keyOf(server), server);
			}
			if (!currentByKey.containsKey(keyOf(rebalanced.get(0)))) {
				return null;
			}
			List<S> merged = new ArrayList<>(current.size());
			for (S server : rebalanced) {
				// Take the current version: its details may have been updated meanwhile.
				S now = currentByKey.remove(keyOf(server));
				if (now != null) {
					merged.add(now);
				}
			}
			// What is left was added while the pings ran.
			for (S server : current) {
				if (currentByKey.containsKey(keyOf(server))) {
					merged.add(server);
				}
			}
			return published(merged, shares, total);
		});
	}

	/**
	 * Applies one change under the writer lock and publishes its result as a new
	 * immutable list; listeners hear of it after the lock is released. The change sees
	 * the published list, must not modify it, and returns {@code null} to publish
	 * nothing.
	 * @return whether a new list was published
	 */
	private boolean write(Function<List<S>, @Nullable List<S>> change) {
		return writePublished((current) -> {
			List<S> changed = change.apply(current.servers());
			return (changed != null) ? carryAperture(current, changed, null) : null;
		});
	}

	/**
	 * Applies one change to the list and its aperture, as {@link #write} does.
	 */
	private boolean writePublished(Function<Snapshot<S>, @Nullable Snapshot<S>> change) {
		Snapshot<S> next;
		S previousFront;
		this.listLock.lock();
		try {
			Snapshot<S> current = this.published.get();
			next = change.apply(current);
			if (next == null) {
				return false;
			}
			previousFront = front(current.servers());
			publish(next);
		}
		finally {
			this.listLock.unlock();
		}
		notifyMembershipChanged(next.servers(), previousFront);
		return true;
	}

	/**
	 * Pairs a new list with the aperture of the list it replaces: the servers of the old
	 * aperture still at the head keep their shares and take those of the servers that
	 * left it.
	 * @param failed a server that leaves the aperture wherever it now stands, or
	 * {@code null}
	 */
	private Snapshot<S> carryAperture(Snapshot<S> current, List<S> next, @Nullable S failed) {
		if (current.aperture().size() <= 1) {
			// A single front is whichever server heads the list.
			List<S> copy = List.copyOf(next);
			return new Snapshot<>(copy, Aperture.front(copy));
		}
		Map<String, Double> shares = current.aperture().sharesByKey(this::keyOf);
		if (failed != null) {
			shares.remove(keyOf(failed));
		}
		return published(next, shares, 1.0);
	}

	private Snapshot<S> published(List<S> servers, Map<String, Double> shares, double total) {
		List<S> copy = List.copyOf(servers);
		return new Snapshot<>(copy, Aperture.of(copy, shares, total, this::keyOf));
	}

	private static <S> double total(Selection<S> selection) {
		return selection.shares().stream().mapToDouble(Double::doubleValue).sum();
	}

	/** The shares of a selection by server key; it comes from {@link #select}. */
	private Map<String, Double> sharesOf(Selection<S> selection) {
		Map<String, Double> shares = new HashMap<>();
		for (int i = 0; i < selection.shares().size(); i++) {
			shares.put(keyOf(selection.order().get(i)), selection.shares().get(i));
		}
		return shares;
	}

	/**
	 * Returns where a server stands in the aperture.
	 * @return its index, or -1 when it is not in the aperture
	 */
	private int apertureIndexOf(Snapshot<S> current, S server) {
		List<S> members = current.aperture().servers();
		String serverKey = keyOf(server);
		for (int i = 0; i < members.size(); i++) {
			if (keyOf(members.get(i)).equals(serverKey)) {
				return i;
			}
		}
		return -1;
	}

	private RebalanceResult<S> finishRebalance(RebalanceResult<S> result) {
		callListener(() -> this.listener.rebalanced(result));
		return result;
	}

	private void publish(Snapshot<S> next) {
		if (!next.servers().isEmpty()) {
			this.emptyWarned.set(false);
		}
		this.published.set(next);
	}

	private void notifyMembershipChanged(List<S> next, @Nullable S previousFront) {
		callListener(() -> this.listener.membershipChanged(next, previousFront));
	}

	private void callListener(Runnable call) {
		try {
			call.run();
		}
		catch (RuntimeException ex) {
			logger.log(Level.WARNING, "Server manager listener failed", ex);
		}
	}

	private int indexOf(List<S> servers, String serverKey) {
		for (int i = 0; i < servers.size(); i++) {
			if (keyOf(servers.get(i)).equals(serverKey)) {
				return i;
			}
		}
		return -1;
	}

	private boolean sameServers(List<S> current, List<S> next) {
		if (current.size() != next.size()) {
			return false;
		}
		for (int i = 0; i < current.size(); i++) {
			if (current.get(i) != next.get(i)) {
				return false;
			}
		}
		return true;
	}

	private String keyOf(S server) {
		String serverKey = this.key.apply(server);
		if (serverKey == null) {
			throw new IllegalArgumentException("key function returned null for server " + server);
		}
		return serverKey;
	}

	private static <S> @Nullable S front(List<S> servers) {
		return servers.isEmpty() ? null : servers.get(0);
	}

	private static <S> List<S> moveToEnd(List<S> servers, int index) {
		List<S> moved = new ArrayList<>(servers.size());
		moved.addAll(servers.subList(0, index));
		moved.addAll(servers.subList(index + 1, servers.size()));
		moved.add(servers.get(index));
		return moved;
	}

	/**
	 * Orders servers by the selection, keeping every server once even when the selection
	 * leaves some out or repeats them. The shares stay with the servers they were given,
	 * as long as no server before them was dropped, so there are never more shares than
	 * servers.
	 */
	private Selection<S> select(List<S> servers) {
		Map<String, S> byKey = new LinkedHashMap<>(servers.size() * 2);
		for (S server : servers) {
			byKey.put(keyOf(server), server);
		}
		Selection<S> selection = this.frontSelection.select(servers);
		List<S> ordered = new ArrayList<>(servers.size());
		List<Double> shares = new ArrayList<>(selection.shares().size());
		List<S> chosen = selection.order();
		boolean inPlace = true;
		for (int i = 0; i < chosen.size(); i++) {
			S known = byKey.remove(keyOf(chosen.get(i)));
			if (known == null) {
				inPlace = false;
				continue;
			}
			ordered.add(known);
			if (inPlace && i < selection.shares().size()) {
				shares.add(selection.shares().get(i));
			}
		}
		ordered.addAll(byKey.values());
		return shares.isEmpty() ? Selection.front(ordered) : new Selection<>(ordered, shares);
	}

	/**
	 * The list and its aperture, published together so that readers never see one without
	 * the other.
	 *
	 * @param servers the servers, front first
	 * @param aperture the servers at the head of the list that share the requests
	 * @param <S> the server type
	 */
	public record Snapshot<S>(List<S> servers, Aperture<S> aperture) {

		static <S> Snapshot<S> empty() {
			return new Snapshot<>(List.of(), Aperture.empty());
		}

		/**
		 * Returns the server in front.
		 * @return the head of the list, or {@code null} when there are no servers
		 */
		public @Nullable S front() {
			return this.servers.isEmpty() ? null : this.servers.get(0);
		}

	}

	/**
	 * A list with one of its servers moved to the front, for one request; the list is not
	 * copied.
	 */
	private static final class PickedFirst<S> extends AbstractList<S> {

		private final List<S> servers;

		private final int picked;

		PickedFirst(List<S> servers, int picked) {
			this.servers = servers;
			this.picked = picked;
		}

		@Override
		public S get(int index) {
			if (index == 0) {
				return this.servers.get(this.picked);
			}
			return this.servers.get((index <= this.picked) ? index - 1 : index);
		}

		@Override
		public int size() {
			return this.servers.size();
		}

	}

	/**
	 * Builds a {@link ServerManager}. Every setting has Consul's default.
	 *
	 * @param <S> the server type
	 */
	public static final class Builder<S> {

		private final Function<? super S, String> key;

		private Pinger<? super S> pinger = (server) -> true;

		private IntSupplier clusterSize = () -> 1;

		private RandomGenerator random = () -> ThreadLocalRandom.current().nextLong();

		private Duration minReuse = DEFAULT_MIN_REUSE;

		private int jitterFraction = DEFAULT_JITTER_FRACTION;

		private int connsPerSecPerServer = DEFAULT_CONNS_PER_SEC_PER_SERVER;

		private int connectionsPerRebalance = 1;

		private ServerManagerListener<S> listener = new ServerManagerListener<>() {
		};

		private @Nullable FrontSelection<S> frontSelection;

		private Builder(Function<? super S, String> key) {
			this.key = key;
		}

		/**
		 * Sets how a rebalance checks a server. Defaults to assuming every server is
		 * healthy.
		 * @param pinger the pinger
		 * @return this builder
		 */
		public Builder<S> pinger(Pinger<? super S> pinger) {
			this.pinger = Objects.requireNonNull(pinger, "pinger must not be null");
			return this;
		}

		/**
		 * Sets how many clients share the servers (Consul's LAN member count), which
		 * stretches the rebalance interval. Read at each {@code nextRebalanceDelay}.
		 * Defaults to 1.
		 * @param clusterSize supplies the cluster size
		 * @return this builder
		 */
		public Builder<S> clusterSize(IntSupplier clusterSize) {
			this.clusterSize = Objects.requireNonNull(clusterSize, "clusterSize must not be null");
			return this;
		}

		/**
		 * Sets the source of randomness for shuffles and staggers. It must be safe for
		 * use from several threads when the manager is. Defaults to
		 * {@link ThreadLocalRandom}.
		 * @param random the generator
		 * @return this builder
		 */
		public Builder<S> random(RandomGenerator random) {
			this.random = Objects.requireNonNull(random, "random must not be null");
			return this;
		}

		/**
		 * Sets the shortest time a server stays in front between rebalances. Defaults to
		 * 120 seconds.
		 * @param minReuse a positive duration
		 * @return this builder
		 */
		public Builder<S> minReuse(Duration minReuse) {
			Objects.requireNonNull(minReuse, "minReuse must not be null");
			if (minReuse.isNegative() || minReuse.isZero()) {
				throw new IllegalArgumentException("minReuse must be positive, but was " + minReuse);
			}
			this.minReuse = minReuse;
			return this;
		}

		/**
		 * Sets the jitter added to {@code minReuse}, as a fraction: up to
		 * {@code minReuse / jitterFraction}. Defaults to 2.
		 * @param jitterFraction at least 1
		 * @return this builder
		 */
		public Builder<S> jitterFraction(int jitterFraction) {
			if (jitterFraction < 1) {
				throw new IllegalArgumentException("jitterFraction must be at least 1, but was " + jitterFraction);
			}
			this.jitterFraction = jitterFraction;
			return this;
		}

		/**
		 * Sets how many new connections per second rebalancing may open to each server,
		 * cluster-wide. Defaults to 64.
		 * @param connsPerSecPerServer at least 1
		 * @return this builder
		 */
		public Builder<S> connsPerSecPerServer(int connsPerSecPerServer) {
			if (connsPerSecPerServer < 1) {
				throw new IllegalArgumentException(
						"connsPerSecPerServer must be at least 1, but was " + connsPerSecPerServer);
			}
			this.connsPerSecPerServer = connsPerSecPerServer;
			return this;
		}

		/**
		 * Sets how many new connections one rebalance opens to the server it puts in
		 * front, so that the budget of {@link #connsPerSecPerServer} counts them all.
		 * Consul's ping goes through its connection pool and the connection it opens is
		 * the one requests then use: 1, the default. A ping over a connection of its own,
		 * closed after the answer, makes it 2.
		 * @param connectionsPerRebalance at least 1
		 * @return this builder
		 */
		public Builder<S> connectionsPerRebalance(int connectionsPerRebalance) {
			if (connectionsPerRebalance < 1) {
				throw new IllegalArgumentException(
						"connectionsPerRebalance must be at least 1, but was " + connectionsPerRebalance);
			}
			this.connectionsPerRebalance = connectionsPerRebalance;
			return this;
		}

		/**
		 * Sets who hears of rotations, rebalances and membership changes.
		 * @param listener the listener
		 * @return this builder
		 */
		public Builder<S> listener(ServerManagerListener<S> listener) {
			this.listener = Objects.requireNonNull(listener, "listener must not be null");
			return this;
		}

		/**
		 * Sets the order in which a rebalance tries servers. Defaults to the seed's
		 * shuffle, drawn from {@link #random}.
		 * @param frontSelection the selection
		 * @return this builder
		 */
		public Builder<S> frontSelection(FrontSelection<S> frontSelection) {
			this.frontSelection = Objects.requireNonNull(frontSelection, "frontSelection must not be null");
			return this;
		}

		/**
		 * Builds the manager. It starts empty and offline.
		 * @return a new manager
		 */
		public ServerManager<S> build() {
			return new ServerManager<>(this);
		}

	}

}
